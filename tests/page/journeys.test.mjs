// The debugger page as a newcomer uses it (issue 11): they open the page, which shows an
// example, and bring their own token and key, without knowing what the example set.
// Each test is one journey, and ends on a verdict that must be right and say why.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";
import { SECRET, checkText, closePage, encoder, expectVerdict, hsToken, nowSeconds, pageSession } from "./support.mjs";

const session = pageSession();
const openPage = (...args) => session.openPage(...args);

const inViewport = (page, selector) =>
  page.$eval(selector, (node) => {
    const box = node.getBoundingClientRect();
    return box.top >= 0 && box.top < innerHeight && box.left >= 0 && box.right <= innerWidth;
  });

describe("debugger page: a newcomer's journeys", { timeout: 120_000 }, () => {
  test("own HS256 token, then the right secret: verified, with no option touched", async () => {
    const page = await openPage();
    assert.notEqual(await page.inputValue("#verify-audience"), "", "the example sets an audience");
    const now = nowSeconds();
    const token = await hsToken({ sub: "me", iat: now, exp: now + 3600 });
    await page.fill("#token", token);
    // What came from the example is gone: its secret, its options, the Example selector.
    assert.equal(await page.inputValue("#verify-secret"), "");
    assert.equal(await page.inputValue("#verify-issuer"), "");
    assert.equal(await page.inputValue("#verify-audience"), "");
    assert.equal(await page.inputValue("#example"), "");
    await expectVerdict(page, "unchecked");
    assert.match(await checkText(page, "signature"), /Not checked: enter the secret/);

    await page.fill("#verify-secret", SECRET);
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#status .status-title"), /^Signature verified$/);
    assert.match(await checkText(page, "signature"), /The HS256 signature matches the secret \(read as UTF-8 text\)\./);
    assert.match(await checkText(page, "exp"), /^Expires in (59 minutes|1 hour)/);
    // How it works agrees.
    await page.click("#tab-how");
    await page.waitForSelector("#how-comparison.good");
    await closePage(page);
  });

  test("own RS256 token: the key kind follows its alg, and an SPKI PEM verifies it", async () => {
    const page = await openPage();
    await page.selectOption("#example", "ES256");
    assert.match(await page.inputValue("#verify-public-key"), /"kty": "EC"/);
    const { privateKey, publicKey } = await jose.generateKeyPair("RS256", { extractable: true });
    const token = await new jose.SignJWT({ sub: "rs" }).setProtectedHeader({ alg: "RS256", kid: "2024-01" }).sign(privateKey);
    await page.click("label[for=key-kind-secret]");
    await page.fill("#token", token);
    assert.equal(await page.isChecked("#key-kind-public"), true, "an RS256 token needs a public key");
    assert.equal(await page.inputValue("#verify-public-key"), "", "the example's key is cleared");
    await expectVerdict(page, "unchecked");

    const spki = await jose.exportSPKI(publicKey);
    await page.fill("#verify-public-key", spki);
    await expectVerdict(page, "valid");
    assert.match(await checkText(page, "signature"), /The RS256 signature matches the public key\./);

    // The same PEM with its line breaks turned into spaces is repaired, and says so.
    await page.fill("#verify-public-key", spki.replace(/\n/g, " "));
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#status"), /line breaks had become spaces; the page put them back/);

    // A private key where the public key goes: accepted, with a note.
    await page.fill("#verify-public-key", await jose.exportPKCS8(privateKey));
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#status"), /This is a private key: its public half is used/);

    // A key set names the kid that matched, with or without a kid in the token.
    const jwk = await jose.exportJWK(publicKey);
    const other = await jose.exportJWK((await jose.generateKeyPair("RS256", { extractable: true })).publicKey);
    await page.fill("#verify-public-key", JSON.stringify({ keys: [{ ...other, kid: "old" }, { ...jwk, kid: "2024-01" }] }));
    await expectVerdict(page, "valid");
    assert.match(await checkText(page, "signature"), /matches the key "2024-01" of the key set/);
    const noKid = await new jose.SignJWT({ sub: "rs" }).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    await page.fill("#token", noKid);
    await page.fill("#verify-public-key", JSON.stringify({ keys: [{ ...jwk, kid: "only" }] }));
    await expectVerdict(page, "valid");
    assert.match(await checkText(page, "signature"), /matches the key "only" of the key set/);

    // A secret for an RS256 token cannot be checked, and the fix switches the key kind back.
    await page.click("label[for=key-kind-secret]");
    await page.fill("#verify-secret", SECRET);
    await expectVerdict(page, "key_mismatch");
    assert.match(await checkText(page, "signature"), /^Cannot check: RS256 needs a different kind of key/);
    await page.click("#status button[data-action=switch-key]");
    await expectVerdict(page, "valid");

    // Back to an HS256 token: the secret field comes back.
    await page.fill("#token", await hsToken({ sub: "hs" }));
    assert.equal(await page.isChecked("#key-kind-secret"), true);
    await closePage(page);
  });

  test("an expiry accepted only by the leeway is worded as such, and claim fixes work in one click", async () => {
    const page = await openPage();
    const now = nowSeconds();
    await page.fill("#token", await hsToken({ sub: "late", exp: now - 120, iss: "https://other.example", aud: "my-api" }));
    await page.fill("#verify-secret", SECRET);
    await page.fill("#verify-issuer", "https://auth.example.com");
    await page.fill("#verify-audience", "https://api.example.com");
    await expectVerdict(page, "expired");
    // Every failing check shows at once, with the values compared; the signature is fine.
    assert.equal(await page.getAttribute("#status [data-check=signature]", "data-state"), "good");
    assert.match(await checkText(page, "exp"), /^Expired 2 minutes ago \(exp \d+\)\.$/);
    assert.equal(await checkText(page, "iss"), 'The issuer (iss) is "https://other.example"; the Issuer option expects "https://auth.example.com".Accept the issuer "https://other.example"');
    assert.match(await checkText(page, "aud"), /The audience \(aud\) is "my-api"; the Audience option expects "https:\/\/api\.example\.com"\./);

    await page.fill("#verify-leeway", "300");
    await expectVerdict(page, "issuer");
    assert.match(await checkText(page, "exp"), /^Expired 2 minutes ago \(exp \d+\), accepted within the 300 s leeway\.$/);
    assert.doesNotMatch(await page.textContent("#status"), /has not expired/);
    assert.match(await page.textContent("#claims"), /expired 2 minutes ago \(accepted within the leeway\)/);

    await page.click("#status [data-check=iss] button[data-action=use-issuer]");
    await expectVerdict(page, "audience");
    assert.equal(await page.inputValue("#verify-issuer"), "https://other.example");
    await page.click("#status [data-check=aud] button[data-action=use-audience]");
    await expectVerdict(page, "valid");
    assert.equal(await page.inputValue("#verify-audience"), "my-api");

    // Required claims, and its fix.
    await page.fill("#verify-required", "jti");
    await expectVerdict(page, "missing_claim");
    await page.click("#status button[data-action=unrequire]");
    await expectVerdict(page, "valid");
    assert.equal(await page.inputValue("#verify-required"), "");

    // An empty signature is "no signature", not tampering.
    const [header, payload] = (await hsToken({ sub: "x" })).split(".");
    await page.fill("#token", `${header}.${payload}.`);
    await expectVerdict(page, "no_signature");
    assert.match(await checkText(page, "signature"), /has no signature \(its third part is empty\)/);
    await closePage(page);
  });

  test("a malformed token: its readable parts shown, and fixes that give back the token intact", async () => {
    const page = await openPage();
    const token = await hsToken({ sub: "fixed" });
    await page.fill("#token", `Bearer ${token}`);
    await page.fill("#verify-secret", SECRET);
    await expectVerdict(page, "malformed");
    assert.match(await page.textContent("#status .status-message"), /^Remove the "Bearer " prefix/);
    assert.match(await page.textContent("#decoded-payload"), /"sub": "fixed"/);
    await page.click("#status button[data-action=strip-bearer]");
    assert.equal(await page.inputValue("#token"), token);
    await expectVerdict(page, "valid");

    // Line breaks and base64 padding: each fix keeps the rest of the token as it was.
    const [h, p, s] = token.split(".");
    await page.fill("#token", `${h}.\n${p.slice(0, 10)}\n${p.slice(10)}.${s}\n`);
    await expectVerdict(page, "malformed");
    await page.click("#status button[data-action=strip-whitespace]");
    assert.equal(await page.inputValue("#token"), token);
    await page.fill("#token", `${h}==.${p}=.${s}=`);
    await expectVerdict(page, "malformed");
    await page.click("#status button[data-action=strip-padding]");
    assert.equal(await page.inputValue("#token"), token);
    await expectVerdict(page, "valid");

    // A two-part token shows its header and payload, marked as read by the page.
    await page.fill("#token", `${h}.${p}`);
    await expectVerdict(page, "malformed");
    assert.match(await page.textContent("#decoded-header"), /"alg": "HS256"/);
    assert.equal(await page.getAttribute("#decoded-header", "data-partial"), "true");
    assert.match(await page.textContent("#decoded-payload"), /"sub": "fixed"/);

    // So does a four-part one.
    await page.fill("#token", `${h}.${p}.${s}.${s}`);
    await expectVerdict(page, "malformed");
    assert.match(await page.textContent("#decoded-header"), /"alg": "HS256"/);
    assert.match(await page.textContent("#status"), /this token has 4\b/);

    // A JWE shows its protected header; its payload waits for the decryption key (tests/page/jwe.test.mjs).
    const jwe = await new jose.CompactEncrypt(encoder.encode("secret stuff")).setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: "enc-1" }).encrypt(new Uint8Array(32));
    await page.fill("#token", jwe);
    await page.waitForSelector("#status [data-check='decryption']");
    await expectVerdict(page, "unchecked");
    assert.match(await page.textContent("#decoded-header"), /"enc": "A256GCM"/);
    assert.match(await page.textContent("#decoded-payload"), /Encrypted: enter the decryption key under Decrypt/);
    assert.match(await page.textContent("#status"), /An encrypted token \(JWE: alg "dir", enc "A256GCM"\)\. Its protected header is shown under Header/);

    // Parser jargon becomes a sentence.
    await page.fill("#token", `${h}.${jose.base64url.encode('{"x":tru}')}.${s}`);
    await expectVerdict(page, "malformed");
    const message = await page.textContent("#status .status-message");
    assert.doesNotMatch(message, /expected ident/);
    assert.match(message, /^The payload is not valid JSON: .*double quotes.*\.$/);
    await closePage(page);
  });

  test("a 200 KB token: the editor scrolls, the verdict stays in view, and the limit is an option", async () => {
    const page = await openPage();
    const token = await hsToken({ sub: "big", blob: "x".repeat(150_000) });
    assert.ok(token.length > 200_000, `${token.length} characters`);
    await page.fill("#token", token);
    await expectVerdict(page, "too_large");
    assert.ok(await inViewport(page, "#status"), "the verdict is on screen");
    const editorHeight = await page.$eval(".token-editor", (node) => node.getBoundingClientRect().height);
    assert.ok(editorHeight < 400, `the editor is ${editorHeight} px high`);
    assert.match(await page.textContent("#decoded-payload"), /"sub": "big"/);
    assert.match(await page.textContent("#status"), /over decode's default limit of 65,536: the page decoded it for display/);
    await page.click("#status button[data-action=raise-limit]");
    await expectVerdict(page, "unchecked");
    await page.fill("#verify-secret", SECRET);
    await expectVerdict(page, "valid");
    assert.equal(Number(await page.inputValue("#verify-max-length")), token.length);
    assert.ok(await inViewport(page, "#status"));
    await closePage(page);
  });

  test("secrets: standard base64 is detected, a weak secret is checked with a warning, Generate is at hand", async () => {
    const page = await openPage();
    // What `openssl rand -base64 32` prints: + and / and = padding are likely; make sure.
    let bytes;
    do bytes = crypto.getRandomValues(new Uint8Array(32));
    while (!/[+/]/.test(Buffer.from(bytes).toString("base64")));
    const token = await hsToken({ sub: "b64" }, bytes);
    await page.fill("#token", token);
    assert.equal(await page.inputValue("#verify-secret-encoding"), "detect");
    await page.fill("#verify-secret", Buffer.from(bytes).toString("base64"));
    await expectVerdict(page, "valid");
    assert.match(await checkText(page, "signature"), /matches the secret \(read as base64 bytes\)/);
    await page.selectOption("#verify-secret-encoding", "base64");
    await expectVerdict(page, "valid");
    await page.selectOption("#verify-secret-encoding", "utf8");
    await expectVerdict(page, "bad_signature");

    // A legacy token signed with a short secret: the page checks it itself, and says that
    // wasm-jwt's verify refuses it.
    await page.selectOption("#verify-secret-encoding", "detect");
    await page.fill("#token", await hsToken({ sub: "legacy" }, "shhh"));
    await page.fill("#verify-secret", "shhh");
    await page.waitForSelector("#status [data-check=signature][data-state=weak]");
    await expectVerdict(page, "weak_key");
    assert.equal(await page.getAttribute("#status", "class"), "status warning");
    assert.match(await checkText(page, "signature"), /matches the secret .* but the secret is only 4 bytes: wasm-jwt's verify refuses it \(weak_key/);
    await page.waitForSelector("#warnings [data-warning=weak-secret]");
    await page.fill("#verify-secret", "shhx");
    await page.waitForSelector("#status [data-check=signature][data-state=bad]");
    await expectVerdict(page, "bad_signature");

    // The weak-key warning's Generate button signs a new token with a strong secret.
    await page.click("#warnings [data-warning=weak-secret] button[data-action=generate-secret]");
    assert.equal(await page.getAttribute("#tab-encode", "aria-selected"), "true");
    assert.equal(jose.base64url.decode(await page.inputValue("#encode-secret")).length, 32);
    await expectVerdict(page, "valid", "#encode-status");
    await closePage(page);
  });

  test("Clear resets token, key and options; a share link is for the token shown", async () => {
    const page = await openPage();
    await page.click("#share-button");
    const first = new URLSearchParams(new URL(await page.inputValue("#share-link")).hash.slice(1)).get("token");
    assert.equal(first, await page.inputValue("#token"));
    const own = await hsToken({ sub: "mine" });
    await page.fill("#token", own);
    const link = new URLSearchParams(new URL(await page.inputValue("#share-link")).hash.slice(1));
    assert.equal(link.get("token"), own);
    assert.equal(link.get("aud"), null, "the example's audience is not carried over");

    await page.fill("#verify-leeway", "60");
    await page.fill("#verify-secret", SECRET);
    await page.click("#clear-token");
    for (const field of ["#token", "#verify-secret", "#verify-issuer", "#verify-audience", "#verify-required"]) assert.equal(await page.inputValue(field), "", field);
    assert.equal(await page.inputValue("#verify-leeway"), "0");
    assert.equal(await page.getAttribute("#share-box", "hidden"), "");
    assert.equal(await page.evaluate(() => document.activeElement.id), "token");
    await expectVerdict(page, "unchecked");
    await closePage(page);
  });

  test("warnings: times in milliseconds, a typ that is not JWT, a kid with path characters, alg none in Encode", async () => {
    const page = await openPage();
    await page.fill("#token", await hsToken({ sub: "ms", exp: Date.now() + 3_600_000 }, SECRET, { typ: "JOSE", kid: "../../../dev/null" }));
    await page.waitForSelector("#warnings [data-warning=milliseconds-exp]");
    await page.waitForSelector("#warnings [data-warning=typ-not-jwt]");
    await page.waitForSelector("#warnings [data-warning=kid-injection]");
    assert.match(await page.textContent("#warnings [data-warning=milliseconds-exp]"), /looks like milliseconds\. .*Divide by 1000\./);
    await page.fill("#verify-secret", "your-256-bit-secret");
    await page.waitForSelector("#warnings [data-warning=known-secret]");

    await page.click("#tab-encode");
    await page.fill("#encode-header", '{"alg": "none"}');
    await expectVerdict(page, "unsupported_alg", "#encode-status");
    assert.match(await page.textContent("#encode-status"), /refused by design.*wasm-jwt never signs or accepts one/);
    await closePage(page);
  });

  test("a 390 px phone: every tab reachable, the signed token visible on Encode, the token box first in Tab order", async () => {
    const page = await openPage("", { viewport: { width: 390, height: 844 } });
    for (const tab of ["decode", "encode", "how"]) {
      assert.ok(await inViewport(page, `#tab-${tab}`), `the ${tab} tab is fully on screen`);
      await page.click(`#tab-${tab}`);
      assert.equal(await page.getAttribute(`#tab-${tab}`, "aria-selected"), "true");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${tab} view is ${width} px wide`);
    }
    await page.click("#tab-encode");
    assert.ok(await inViewport(page, "#encode-token"), "the signed token is on screen without scrolling");

    await page.click("#tab-decode");
    await page.focus("#tab-decode");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "token");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "copy-token");
    await closePage(page);
  });

  test("no request of these journeys left 127.0.0.1", () => {
    const offsite = session.requests.filter((url) => !/^(data:|blob:)/.test(url) && new URL(url).hostname !== "127.0.0.1");
    assert.deepEqual(offsite, []);
  });
});
