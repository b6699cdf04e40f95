// Encrypted tokens (JWE) in the debugger page: jose's tokens decoded and decrypted (dir,
// A256KW, ECDH-ES on P-256, RSA-OAEP-256), decryption_failed with one message for a wrong
// key and an altered token, a nested signed-then-encrypted JWT verified, the Encode tab's
// JWE decrypted by jose, and wasm-jwt/jwe fetched only when a JWE is on the page.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";
import { SECRET, checkText, closePage, encoder, expectVerdict, hsToken, nowSeconds, pageSession } from "./support.mjs";

const session = pageSession();
const CLAIMS = { sub: "ada", role: "admin" };
const PARTS = ["Protected header", "Encrypted key", "Initialization vector", "Ciphertext", "Authentication tag"];
const FAILED = /the key is wrong, or the token was altered after it was encrypted/i;

// Opens the page and records which of its requests fetch the JWE build or the page's code for it.
async function openPage() {
  const page = await session.openPage();
  page.jweRequests = [];
  page.on("request", (request) => /\/jwe(\/|-crypto\.js$)/.test(request.url()) && page.jweRequests.push(new URL(request.url()).pathname));
  return page;
}

async function decryptWith(page, key, encoding = "detect") {
  await page.selectOption("#decrypt-key-encoding", encoding);
  await page.fill("#decrypt-key", key);
}

// One character of the ciphertext changed, keeping it valid base64url.
function altered(token) {
  const parts = token.split(".");
  const c = parts[3];
  parts[3] = (c[0] === "A" ? "B" : "A") + c.slice(1);
  return parts.join(".");
}

const claimsJwe = (header, key) => new jose.EncryptJWT(CLAIMS).setProtectedHeader(header).encrypt(key);

describe("debugger page: encrypted tokens (JWE)", { timeout: 120_000 }, () => {
  test("a JWS-only visit never fetches wasm-jwt/jwe; a pasted JWE loads it, and its five parts are coloured and named", async () => {
    const page = await openPage();
    await page.fill("#token", await hsToken({ sub: "me" }));
    await page.click("#tab-encode");
    await page.click("#tab-decode");
    await expectVerdict(page, "unchecked");
    assert.deepEqual(page.jweRequests, [], "nothing of the JWE build for signed tokens");
    assert.equal(await page.isHidden("#decrypt-card"), true);
    assert.equal(await page.isHidden("#token-parts"), true);

    const secret = crypto.getRandomValues(new Uint8Array(32));
    const token = await claimsJwe({ alg: "dir", enc: "A256GCM", kid: "enc-1" }, secret);
    await page.fill("#token", token);
    await page.waitForSelector("#status [data-check='decryption']");
    for (const path of ["/pkg/dist/jwe/wasm_jwt_bg.wasm", "/pkg/src/jwe/browser.js", "/jwe-crypto.js"]) assert.ok(page.jweRequests.includes(path), `fetched: ${page.jweRequests}`);
    assert.deepEqual(await page.$$eval("#token-parts li", (items) => items.map((li) => li.textContent)), [
      "Protected header(60 bytes)".replace("60", String(jose.base64url.decode(token.split(".")[0]).length)),
      "Encrypted key(empty)",
      "Initialization vector(12 bytes)",
      `Ciphertext(${JSON.stringify(CLAIMS).length} bytes)`,
      "Authentication tag(16 bytes)",
    ]);
    for (const [i, cls] of ["seg-header", "seg-key", "seg-iv", "seg-ciphertext", "seg-tag"].entries()) {
      if (token.split(".")[i] === "") continue;
      assert.equal(await page.textContent(`#token-colours .${cls}`), token.split(".")[i], `${PARTS[i]} coloured`);
    }
    assert.equal(await page.textContent("#header-title"), "Protected header");
    const header = await page.textContent("#decoded-header");
    assert.match(header, /"alg": "dir"/);
    assert.match(header, /"enc": "A256GCM"/);
    assert.match(header, /"kid": "enc-1"/);
    assert.match(await page.textContent("#decoded-payload"), /Encrypted: enter the decryption key under Decrypt/);
    assert.match(await page.textContent("#status .status-title"), /^Encrypted token \(JWE\); not decrypted$/);
    assert.match(await checkText(page, "decryption"), /Not decrypted: enter the decryption key under Decrypt\./);
    assert.equal(await page.isVisible("#decrypt-card"), true);

    // The secret as base64url: decrypted, the claims shown and checked.
    await decryptWith(page, jose.base64url.encode(secret));
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#status .status-title"), /^Decrypted$/);
    assert.match(await checkText(page, "decryption"), /Decrypted with the secret \(read as base64url bytes, 32 bytes\) \(alg "dir", enc "A256GCM"\): the authentication tag matches/);
    assert.match(await page.textContent("#decoded-payload"), /"sub": "ada"/);
    assert.match(await page.textContent("#claims"), /Subject/);
    // A key set: the key its kid names.
    await decryptWith(page, JSON.stringify({ keys: [{ kty: "oct", kid: "other", k: jose.base64url.encode(new Uint8Array(32)) }, { kty: "oct", kid: "enc-1", k: jose.base64url.encode(secret) }] }));
    await expectVerdict(page, "valid");
    assert.match(await checkText(page, "decryption"), /^Decrypted with the key set \(alg "dir"/);

    // A share link carries the token, never the key that decrypts it.
    await page.click("#share-button");
    const link = await page.inputValue("#share-link");
    assert.ok(link.includes(token) && !link.includes(jose.base64url.encode(secret)), link);

    // A wrong key and an altered token: the same words, which do not say which it was.
    await decryptWith(page, jose.base64url.encode(crypto.getRandomValues(new Uint8Array(32))));
    await expectVerdict(page, "decryption_failed");
    const wrongKey = await page.textContent("#status .status-message");
    assert.match(wrongKey, FAILED);
    assert.match(await page.textContent("#decoded-payload"), /Encrypted/);
    await decryptWith(page, jose.base64url.encode(secret));
    await expectVerdict(page, "valid");
    await page.fill("#token", altered(token));
    await expectVerdict(page, "decryption_failed");
    assert.equal(await page.textContent("#status .status-message"), wrongKey);
    assert.match(await page.textContent("#status .status-title"), /^Cannot decrypt$/);

    // A protected header that is not JSON: said so without a key, with the library's words and place with one.
    await page.fill("#token", `${jose.base64url.encode("{alg")}.${token.split(".").slice(1).join(".")}`);
    await expectVerdict(page, "malformed");
    assert.match(await checkText(page, "decryption"), /^Cannot decrypt with the secret/);
    assert.equal(await page.locator("#token-colours .seg-header.part-fault").count() > 0, true, "the header is marked");
    await page.fill("#decrypt-key", "");
    await expectVerdict(page, "malformed");
    assert.match(await page.textContent("#status .status-message"), /^An encrypted token \(JWE, five parts\)\. The header cannot be read: it is not JSON\.$/);
    await decryptWith(page, jose.base64url.encode(secret));

    // Content that is text, not claims, is shown as text.
    await page.fill("#token", await new jose.CompactEncrypt(encoder.encode("hello, JWE")).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(secret));
    await expectVerdict(page, "valid");
    assert.equal(await page.textContent("#decoded-payload"), "Decrypted text (not JSON):\nhello, JWE");
    assert.match(await page.textContent("#status .status-message"), /The content is text, not JSON claims\./);
    // How it works names the five parts.
    await page.click("#tab-how");
    assert.match(await page.textContent("#how"), /How an encrypted token \(JWE\) is built.*Authentication tag: proves that header, IV and ciphertext are unchanged/s);
    await closePage(page);
  });

  test("A256KW with a secret, ECDH-ES with a P-256 JWK, RSA-OAEP-256 with a PEM: each decrypts, and a wrong key is decryption_failed", async () => {
    const page = await openPage();
    const kw = crypto.getRandomValues(new Uint8Array(32));
    const ec = await jose.generateKeyPair("ECDH-ES", { crv: "P-256", extractable: true });
    const rsa = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true });
    const otherRsa = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true });
    const cases = [
      { header: { alg: "A256KW", enc: "A128CBC-HS256" }, encryptTo: kw, key: jose.base64url.encode(kw), encoding: "base64url", wrong: jose.base64url.encode(new Uint8Array(32)), keyPart: "40 bytes" },
      { header: { alg: "ECDH-ES", enc: "A256GCM" }, encryptTo: ec.publicKey, key: JSON.stringify(await jose.exportJWK(ec.privateKey)), wrong: JSON.stringify(await jose.exportJWK((await jose.generateKeyPair("ECDH-ES", { extractable: true })).privateKey)), keyPart: "empty" },
      { header: { alg: "RSA-OAEP-256", enc: "A256GCM" }, encryptTo: rsa.publicKey, key: await jose.exportPKCS8(rsa.privateKey), wrong: await jose.exportPKCS8(otherRsa.privateKey), keyPart: "256 bytes" },
    ];
    for (const { header, encryptTo, key, encoding, wrong, keyPart } of cases) {
      const token = await claimsJwe(header, encryptTo);
      await page.fill("#token", token);
      await decryptWith(page, key, encoding);
      await expectVerdict(page, "valid");
      assert.match(await page.textContent("#decoded-header"), new RegExp(`"alg": "${header.alg}"`));
      if (header.alg === "ECDH-ES") assert.match(await page.textContent("#decoded-header"), /"epk": \{/);
      assert.match(await page.textContent("#decoded-payload"), /"role": "admin"/);
      assert.match(await page.textContent("#token-parts li[data-part='key']"), new RegExp(keyPart));
      // Anyone with the public key could have made it: said so for ECDH-ES and RSA-OAEP.
      assert.equal(/encryption alone does not show who wrote it/.test(await page.textContent("#status")), header.alg !== "A256KW", header.alg);
      await decryptWith(page, wrong, encoding);
      await expectVerdict(page, "decryption_failed");
      assert.match(await checkText(page, "decryption"), FAILED);
    }
    await closePage(page);
  });

  test("a nested JWT (ES256, then RSA-OAEP-256): decrypted, the signed JWT inside shown and verified with the key under Verify", async () => {
    const page = await openPage();
    const signer = await jose.generateKeyPair("ES256", { extractable: true });
    const recipient = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true });
    const now = nowSeconds();
    const signed = await new jose.SignJWT({ sub: "nested", exp: now + 600 }).setProtectedHeader({ alg: "ES256", kid: "signer-1" }).sign(signer.privateKey);
    const token = await new jose.CompactEncrypt(encoder.encode(signed)).setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM", cty: "JWT" }).encrypt(recipient.publicKey);
    await page.fill("#token", token);
    await decryptWith(page, await jose.exportPKCS8(recipient.privateKey));
    await page.waitForSelector("#status [data-check='decryption']");
    await expectVerdict(page, "unchecked");
    assert.match(await page.textContent("#status .status-title"), /^Decrypted; signature not checked$/);
    assert.equal(await page.textContent("#inner-token"), `${signed}\n`);
    assert.match(await page.textContent("#inner-header"), /"alg": "ES256"/);
    assert.match(await page.textContent("#decoded-header"), /"cty": "JWT"/);
    assert.match(await page.textContent("#decoded-payload"), /"sub": "nested"/);
    assert.equal(await page.isChecked("#key-kind-public"), true, "the key kind follows the inner alg");
    assert.match(await page.textContent("#verify-title"), /of the JWT inside/);

    await page.fill("#verify-public-key", await jose.exportSPKI(signer.publicKey));
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#status .status-title"), /^Decrypted; signature verified$/);
    assert.match(await checkText(page, "decryption"), /Decrypted with the key/);
    assert.equal(await page.locator("#warnings [data-warning='cty']").count(), 0, "no warning for the cty the page has followed");
    assert.match(await checkText(page, "signature"), /The ES256 signature matches the public key\./);
    assert.match(await checkText(page, "exp"), /^Expires in 10 minutes/);

    const other = await jose.generateKeyPair("ES256", { extractable: true });
    await page.fill("#verify-public-key", await jose.exportSPKI(other.publicKey));
    await expectVerdict(page, "bad_signature");
    assert.match(await checkText(page, "decryption"), /Decrypted with the key/);
    await closePage(page);
  });

  test("the Encode tab makes a JWE that jose decrypts: signed then encrypted (ECDH-ES+A256KW), and claims under dir", async () => {
    const page = await openPage();
    // The example's issuer and audience options would fail these claims.
    await page.fill("#verify-issuer", "");
    await page.fill("#verify-audience", "");
    await page.click("#tab-encode");
    assert.deepEqual(page.jweRequests, [], "the Encode tab alone does not load the JWE build");
    await page.fill("#encode-payload", JSON.stringify({ sub: "encoded", n: 1 }));
    await page.selectOption("#encode-alg", "HS256");
    await page.selectOption("#encode-secret-encoding", "utf8");
    await page.fill("#encode-secret", SECRET);
    await page.check("#encode-encrypt");
    await page.selectOption("#encode-jwe-alg", "ECDH-ES+A256KW");
    await page.selectOption("#encode-jwe-enc", "A128GCM");
    await page.click("#generate-jwe-key");
    await expectVerdict(page, "valid", "#encode-status");
    assert.match(await page.textContent("#encode-status .status-title"), /^Decrypted; signature verified$/);
    assert.ok(page.jweRequests.length > 0, "asking for a JWE loads the JWE build");

    const token = await page.inputValue("#token");
    assert.equal(token.split(".").length, 5);
    const jwk = JSON.parse(await page.inputValue("#encode-jwe-key"));
    assert.equal(jwk.crv, "P-256");
    const { plaintext, protectedHeader } = await jose.compactDecrypt(token, await jose.importJWK(jwk, "ECDH-ES+A256KW"));
    assert.deepEqual([protectedHeader.alg, protectedHeader.enc, protectedHeader.cty], ["ECDH-ES+A256KW", "A128GCM", "JWT"]);
    const { payload } = await jose.jwtVerify(new TextDecoder().decode(plaintext), encoder.encode(SECRET));
    assert.deepEqual(payload, { sub: "encoded", n: 1 });
    assert.equal(await page.inputValue("#decrypt-key"), JSON.stringify(jwk, null, 2), "the decoder gets the key");

    // Unsigned claims under dir + A256CBC-HS512, with a generated 64-byte secret.
    await page.uncheck("#encode-jwe-nested");
    await page.selectOption("#encode-jwe-alg", "dir");
    await page.selectOption("#encode-jwe-enc", "A256CBC-HS512");
    await page.click("#generate-jwe-key");
    await expectVerdict(page, "valid", "#encode-status");
    const secret = jose.base64url.decode(await page.inputValue("#encode-jwe-key"));
    assert.equal(secret.length, 64);
    const decrypted = await jose.jwtDecrypt(await page.inputValue("#token"), secret);
    assert.deepEqual(decrypted.payload, { sub: "encoded", n: 1 });
    assert.deepEqual([decrypted.protectedHeader.alg, decrypted.protectedHeader.enc], ["dir", "A256CBC-HS512"]);

    // A key that does not suit the alg is said so, in the Encode tab's status.
    await page.fill("#encode-jwe-key", jose.base64url.encode(new Uint8Array(16)));
    await expectVerdict(page, "key_mismatch", "#encode-status");
    await closePage(page);
  });
});
