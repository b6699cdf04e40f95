// The debugger page (www/) driven in Debian's Chromium through playwright-core
// (tests/page/support.mjs): every request the browser makes is recorded, and none may
// leave 127.0.0.1.

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import * as jose from "jose";
import { ROOT, SECRET, closePage, encoder, expectVerdict, hsToken, pageSession, pasteToken, verdict } from "./support.mjs";

// A test run writes the picture under test-results/ and leaves the tracked one alone: two
// machines' Chromium can differ by a few pixels. `npm run screenshot` updates docs/.
const SCREENSHOT = process.env.UPDATE_SCREENSHOT === "1" ? join(ROOT, "docs", "screenshot.png") : join(ROOT, "test-results", "screenshot.png");
const session = pageSession();
const openPage = (...args) => session.openPage(...args);

describe("debugger page", { timeout: 120_000 }, () => {
  test("typing in the payload changes the token and its verdict", async () => {
    const page = await openPage();
    await page.click("#tab-encode");
    await page.fill("#encode-secret", SECRET);
    await page.selectOption("#encode-secret-encoding", "utf8");
    const first = await page.textContent("#encode-token");

    // Keystroke by keystroke: the token follows every key, and the verdict follows the claims.
    await page.fill("#encode-payload", "");
    await page.type("#encode-payload", '{"sub":"typed","iss":"https://auth.example.com","aud":"https://api.example.com","exp":1}');
    const expiredToken = (await page.textContent("#encode-token")).trim();
    assert.notEqual(expiredToken, first.trim());
    await expectVerdict(page, "expired", "#encode-status");
    const { payload } = await jose.jwtVerify(expiredToken, encoder.encode(SECRET), { currentDate: new Date(0) });
    assert.deepEqual(payload, { sub: "typed", iss: "https://auth.example.com", aud: "https://api.example.com", exp: 1 });

    await page.click("#set-exp-access");
    await expectVerdict(page, "valid", "#encode-status");
    const exp = JSON.parse(await page.inputValue("#encode-payload")).exp;
    assert.ok(Math.abs(exp - (Date.now() / 1000 + 1800)) < 60, `exp ${exp} is about 30 minutes from now`);

    // A JSON mistake is pointed out at its line and column, and no token is signed from it.
    await page.fill("#encode-payload", '{\n  "sub": "a",\n  "x": tru\n}');
    assert.match(await page.textContent("#encode-payload-error"), /line 3, column 8/);
    assert.equal(await verdict(page, "#encode-status"), "invalid");

    // iat and exp buttons, and a generated secret of the hash's length.
    await page.fill("#encode-payload", '{"sub":"b","iss":"https://auth.example.com","aud":"https://api.example.com"}');
    await page.click("#set-iat");
    await page.click("#set-exp-refresh");
    const claims = JSON.parse(await page.inputValue("#encode-payload"));
    // Each button reads the clock when clicked, so a second may tick between the two.
    assert.ok(Math.abs(claims.iat - Date.now() / 1000) < 60 && Math.abs(claims.exp - claims.iat - 14 * 86400) <= 2, JSON.stringify(claims));
    await page.click("#generate-secret");
    assert.equal(await page.inputValue("#encode-secret-encoding"), "base64url");
    assert.equal(jose.base64url.decode(await page.inputValue("#encode-secret")).length, 32);
    await expectVerdict(page, "valid", "#encode-status");
    assert.equal(await page.$("#encode-warnings [data-warning]"), null, "no warning for a generated secret");

    // The decoder shows the encoder's last token, verified with the same secret.
    await page.fill("#encode-payload", '{"sub":"last","iss":"https://auth.example.com","aud":"https://api.example.com"}');
    await page.click("#open-in-decoder");
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#decoded-payload"), /"last"/);
    await closePage(page);
  });

  test("a token signed by jose is decoded and verified with the right key, and refused with another", async () => {
    const page = await openPage();
    const token = await hsToken({ sub: "jose-user", iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
    await pasteToken(page, token);
    await expectVerdict(page, "valid");
    assert.match(await page.textContent("#status"), /Signature verified/);
    assert.match(await page.textContent("#decoded-payload"), /"sub": "jose-user"/);
    assert.match(await page.textContent("#decoded-header"), /"alg": "HS256"/);
    assert.match(await page.textContent("#claims"), /expires in (59 minutes|1 hour)/);

    // The same secret as base64url bytes, then as an oct JWK.
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const byteToken = await new jose.SignJWT({ sub: "bytes" }).setProtectedHeader({ alg: "HS256" }).sign(bytes);
    await page.fill("#token", byteToken);
    await page.selectOption("#verify-secret-encoding", "base64url");
    await page.fill("#verify-secret", jose.base64url.encode(bytes));
    await expectVerdict(page, "valid");
    await page.click("label[for=key-kind-public]");
    await page.fill("#verify-public-key", JSON.stringify({ ...(await jose.exportJWK(bytes)), kid: "k1" }));
    await expectVerdict(page, "valid");

    await page.fill("#verify-public-key", JSON.stringify({ kty: "oct", k: jose.base64url.encode(crypto.getRandomValues(new Uint8Array(32))) }));
    await expectVerdict(page, "bad_signature");

    // "How it works" recomputes the HMAC with Web Crypto and finds the token's signature.
    await pasteToken(page, token);
    await page.click("#tab-how");
    await page.waitForSelector("#how-comparison.good");
    assert.equal(await page.textContent("#how-computed"), token.split(".")[2]);
    await closePage(page);
  });

  test("every asymmetric algorithm the page offers verifies a jose token with the public JWK", async () => {
    const page = await openPage();
    const offered = await page.$$eval("#encode-alg option", (options) => options.map((o) => o.value));
    assert.deepEqual(offered.slice(0, 3), ["HS256", "HS384", "HS512"]);
    const readsPem = /PEM/.test(await page.textContent("#public-key-formats"));
    for (const alg of offered.filter((name) => !name.startsWith("HS"))) {
      const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
      const token = await new jose.SignJWT({ sub: alg }).setProtectedHeader({ alg }).sign(privateKey);
      // Back on the Decode tab first: the previous round may have ended on Encode.
      await page.click("#tab-decode");
      await page.fill("#verify-issuer", "");
      await page.fill("#verify-audience", "");
      await page.click("label[for=key-kind-public]");
      await page.fill("#verify-public-key", JSON.stringify(await jose.exportJWK(publicKey)));
      await page.fill("#token", token);
      await expectVerdict(page, "valid");
      if (readsPem) {
        await page.fill("#verify-public-key", await jose.exportSPKI(publicKey));
        await expectVerdict(page, "valid");
      }
      // A key pair generated in the page signs a token that verifies with its public half.
      if (await page.$("#generate-keypair:not([hidden])")) {
        await page.click("#tab-encode");
        await page.selectOption("#encode-alg", alg);
        await page.click("#generate-keypair");
        await expectVerdict(page, "valid", "#encode-status");
        assert.match(await page.inputValue("#verify-public-key"), /"kty"/);
      }
    }
    await closePage(page);
  });

  test("flipping one character of the signature gives invalid signature", async () => {
    const page = await openPage();
    const token = await hsToken({ sub: "flip" });
    await pasteToken(page, token);
    await expectVerdict(page, "valid");
    const [header, payload, signature] = token.split(".");
    const flipped = `${header}.${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    await page.fill("#token", flipped);
    await expectVerdict(page, "bad_signature");
    assert.match(await page.textContent("#status"), /Invalid signature/);
    assert.match(await page.textContent("#status .status-code"), /^bad_signature$/);
    await closePage(page);
  });

  test("a malformed token shows the error on the faulty part and character", async () => {
    const page = await openPage();
    const [header, payload, signature] = (await hsToken({ sub: "x" })).split(".");
    const cases = [
      { token: `${header}.${payload.slice(0, 5)}*${payload.slice(5)}.${signature}`, part: "payload", index: header.length + 1 + 5, char: "*" },
      { token: `${header.slice(0, 3)}+${header.slice(3)}.${payload}.${signature}`, part: "header", index: 3, char: "+" },
      { token: `${header}.${payload}.${signature}=`, part: "signature", index: header.length + payload.length + 2 + signature.length, char: "=" },
    ];
    for (const { token, part, index, char } of cases) {
      await pasteToken(page, token);
      await expectVerdict(page, "malformed");
      const mark = await page.$eval("#token-colours mark.fault", (m) => ({ part: m.dataset.part, index: Number(m.dataset.index), text: m.textContent }));
      assert.deepEqual(mark, { part, index, text: char }, token);
      assert.match(await page.textContent("#status"), new RegExp(`in the ${part}, at character ${index + 1}\\b`));
      assert.equal(await page.$eval(`#token-colours .part-fault`, (s) => s.closest("pre").id), "token-colours");
      // The coloured backdrop shows exactly the text of the editor over it.
      assert.equal((await page.textContent("#token-colours")).replace(/\n$/, ""), token);
    }
    await page.fill("#token", `${header}.${payload}`);
    await expectVerdict(page, "malformed");
    assert.equal(await page.getAttribute("#token-colours mark.fault", "data-part"), "token");
    await closePage(page);
  });

  test("an expired token says so, and a token not yet valid too", async () => {
    const page = await openPage();
    const now = Math.floor(Date.now() / 1000);
    await pasteToken(page, await hsToken({ sub: "old", exp: now - 3 * 3600 }));
    await expectVerdict(page, "expired");
    assert.match(await page.textContent("#status"), /Expired/);
    assert.match(await page.textContent("#claims"), /expired 3 hours ago/);
    await page.fill("#verify-leeway", String(4 * 3600));
    await expectVerdict(page, "valid");
    await page.fill("#verify-leeway", "0");
    await page.fill("#token", await hsToken({ sub: "later", nbf: now + 600 }));
    await expectVerdict(page, "not_yet_valid");
    assert.match(await page.textContent("#claims"), /becomes valid in 10 minutes/);
    await closePage(page);
  });

  test("a token with aud is explained and points at the audience option", async () => {
    const page = await openPage();
    await pasteToken(page, await hsToken({ sub: "a", aud: "https://api.example.com" }));
    await expectVerdict(page, "audience");
    assert.match(await page.textContent("#status"), /no audience is configured/);
    await page.click("#status [data-action='focus-audience']");
    assert.equal(await page.evaluate(() => document.activeElement.id), "verify-audience");
    await page.keyboard.type("https://api.example.com");
    await expectVerdict(page, "valid");
    await closePage(page);
  });

  test("risky tokens and secrets get warnings", async () => {
    const page = await openPage();
    const none = `${jose.base64url.encode('{"alg":"none"}')}.${jose.base64url.encode('{"sub":"x"}')}.`;
    await pasteToken(page, none);
    await page.waitForSelector("#warnings [data-warning='alg-none']");
    await page.fill("#token", await hsToken({ sub: "x" }, SECRET, { jku: "https://attacker.example/jwks.json" }));
    await page.waitForSelector("#warnings [data-warning='header-jku']");
    await page.fill("#token", await hsToken({ sub: "x" }, "short"));
    await page.fill("#verify-secret", "short");
    await page.waitForSelector("#warnings [data-warning='weak-secret']");
    await expectVerdict(page, "weak_key");
    await closePage(page);
  });

  test("the share link carries the state in the fragment and restores it", async () => {
    const page = await openPage();
    const token = await hsToken({ sub: "shared", aud: "api://shared" });
    await pasteToken(page, token);
    await page.fill("#verify-audience", "api://shared");
    await page.fill("#verify-leeway", "30");
    await expectVerdict(page, "valid");
    await page.click("#share-button");
    const link = await page.inputValue("#share-link");
    const url = new URL(link);
    assert.equal(url.search, "", "nothing in the query string");
    assert.equal(new URLSearchParams(url.hash.slice(1)).get("token"), token);
    assert.ok(!link.includes(encodeURIComponent(SECRET).slice(0, 12)) && !link.includes("secret"), "no secret in the link");
    await closePage(page);

    const restored = await session.context.newPage();
    await restored.goto(link);
    await restored.waitForSelector("html[data-ready='true']");
    assert.equal(await restored.inputValue("#token"), token);
    assert.equal(await restored.inputValue("#verify-audience"), "api://shared");
    assert.equal(await restored.inputValue("#verify-leeway"), "30");
    assert.match(await restored.textContent("#decoded-payload"), /"shared"/);
    await expectVerdict(restored, "unchecked");
    await restored.fill("#verify-secret", SECRET);
    await expectVerdict(restored, "valid");
    await restored.close();
  });

  test("themes, keyboard tabs and a 375 px wide screen", async () => {
    const page = await openPage();
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.click("#theme-toggle");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.notEqual(await background(), light);
    await page.click("#theme-toggle");
    assert.equal(await background(), light);

    await page.focus("#tab-decode");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getAttribute("#tab-encode", "aria-selected"), "true");
    assert.equal(await page.isVisible("#encode-payload"), true);
    await page.keyboard.press("Home");

    await page.setViewportSize({ width: 375, height: 800 });
    for (const tab of ["decode", "encode", "how"]) {
      await page.click(`#tab-${tab}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 375, `${tab} view is ${width} px wide at 375 px`);
    }
    // Every form control has a label.
    const unlabelled = await page.$$eval("input, select, textarea", (nodes) => nodes.filter((n) => n.labels.length === 0 && !n.getAttribute("aria-label")).map((n) => n.id));
    assert.deepEqual(unlabelled, []);
    await closePage(page);
  });

  test("screenshot of a decoded and verified token", async () => {
    // A fixed clock makes the example token, its times and so the picture the same on every run.
    const page = await openPage("", { fixedTime: new Date("2026-11-23T09:30:00Z") });
    await page.setViewportSize({ width: 1280, height: 1200 });
    await expectVerdict(page, "valid");
    await page.waitForSelector("#warnings [data-warning=example-secret]");
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    const { size } = statSync(SCREENSHOT);
    assert.ok(size > 50_000, `the screenshot is ${size} bytes`);
    await closePage(page);
  });

  test("no request leaves 127.0.0.1, and the page is served with a strict CSP", async () => {
    const response = await fetch(session.baseUrl);
    const csp = response.headers.get("content-security-policy");
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
    assert.doesNotMatch(csp, /https?:/);
    assert.ok(session.requests.length > 10, `saw ${session.requests.length} requests`);
    const offsite = session.requests.filter((url) => !/^(data:|blob:)/.test(url) && new URL(url).hostname !== "127.0.0.1");
    assert.deepEqual(offsite, []);
  });
});
