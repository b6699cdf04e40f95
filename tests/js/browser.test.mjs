// wasm-jwt in headless Chromium from a plain ESM page: no bundler, the package's
// `browser` export (from its published files) named in an import map, served by a
// static server on 127.0.0.1. One page maps the name to wasm-jwt (the verify build), one
// to wasm-jwt/sign (the signing build), one to wasm-jwt/hs (the HMAC-only build).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { FIXTURES_DIR } from "./fixtures/support/paths.mjs";
import { installPackage } from "./fixtures/support/installed-package.mjs";
import { packageEntry } from "./fixtures/support/package-entry.mjs";
import { serveStatic } from "./fixtures/support/static-server.mjs";
import { assertLoopbackOnly, launchChromium, openRuntimePage } from "./fixtures/support/chromium.mjs";
import { assertOutcomes, buildCases, forRuntime } from "./fixtures/support/tokens.mjs";
import { hmacOnlyCases } from "./fixtures/support/hmac-only.mjs";
import { verifyOnlyCases } from "./fixtures/support/verify-only.mjs";

/** Conditions a browser without a bundler would follow (as CDNs and import-map tools do). */
const BROWSER_CONDITIONS = ["browser", "import", "module"];

describe("Chromium, plain ESM page", { timeout: 120_000 }, () => {
  let pageDir;
  let server;
  let browser;

  before(async () => {
    pageDir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-plain-esm-"));
    const template = await readFile(path.join(FIXTURES_DIR, "plain-esm", "index.html"), "utf8");
    const installed = await installPackage(pageDir);
    const entry = packageEntry(installed, BROWSER_CONDITIONS);
    await writeFile(path.join(pageDir, "index.html"), template.replace("%BROWSER_ENTRY%", entry));
    const signEntry = packageEntry(installed, BROWSER_CONDITIONS, "./sign");
    await writeFile(path.join(pageDir, "sign.html"), template.replace("%BROWSER_ENTRY%", signEntry));
    const hmacOnlyEntry = packageEntry(installed, BROWSER_CONDITIONS, "./hs");
    await writeFile(path.join(pageDir, "hs.html"), template.replace("%BROWSER_ENTRY%", hmacOnlyEntry));
    const hmacOnlySignEntry = packageEntry(installed, BROWSER_CONDITIONS, "./hs/sign");
    await writeFile(path.join(pageDir, "hs-sign.html"), template.replace("%BROWSER_ENTRY%", hmacOnlySignEntry));
    server = await serveStatic({ "/": pageDir, "/pkg/": installed, "/fixtures/": FIXTURES_DIR });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (pageDir) await rm(pageDir, { recursive: true, force: true });
  });

  test("wasm-jwt/sign: every algorithm both ways with jose, through JWK, JWKS and PEM keys; a flipped bit is bad_signature; a malformed token is located", async () => {
    const cases = await buildCases();
    const page = await openRuntimePage(browser, `${server.origin}/sign.html`);
    const outcomes = await page.evaluate((runnable) => window.jwtRuntime.runCases(runnable), forRuntime(cases));
    await assertOutcomes(cases, outcomes, "Chromium plain ESM, wasm-jwt/sign");
    assertLoopbackOnly(browser.requests);
  });

  test("wasm-jwt/sign: the same cases through verifyAsync (WebCrypto for RSA and ECDSA) give verify's outcomes", async () => {
    const cases = await buildCases();
    const page = await openRuntimePage(browser, `${server.origin}/sign.html`);
    const [sync, async] = await page.evaluate(
      async (runnable) => [window.jwtRuntime.runCases(runnable), await window.jwtRuntime.runCasesAsync(runnable)],
      forRuntime(cases),
    );
    await assertOutcomes(cases, async, "Chromium plain ESM, wasm-jwt/sign, verifyAsync");
    const verifications = (outcomes) => outcomes.filter((_, i) => cases[i].op === "verify");
    assert.deepEqual(verifications(async), verifications(sync));
  });

  test("wasm-jwt: verifies every algorithm's jose tokens (sync and verifyAsync), refuses signing, Key.generate and private keys naming wasm-jwt/sign, and fetches its own .wasm only", async () => {
    const cases = verifyOnlyCases(await buildCases());
    const firstRequest = browser.requests.length;
    const page = await openRuntimePage(browser, `${server.origin}/`);
    const [sync, async] = await page.evaluate(
      async (runnable) => [window.jwtRuntime.runCases(runnable), await window.jwtRuntime.runCasesAsync(runnable)],
      forRuntime(cases),
    );
    await assertOutcomes(cases, sync, "Chromium plain ESM, wasm-jwt");
    await assertOutcomes(cases, async, "Chromium plain ESM, wasm-jwt, verifyAsync");
    const wasmFetched = browser.requests.slice(firstRequest).filter((url) => url.endsWith(".wasm")).map((url) => new URL(url).pathname);
    assert.deepEqual(wasmFetched, ["/pkg/dist/wasm_jwt_bg.wasm"]);
    assertLoopbackOnly(browser.requests);
  });

  for (const [entry, page, signs, wasm] of [
    ["wasm-jwt/hs", "hs.html", false, "/pkg/dist/hs/wasm_jwt_bg.wasm"],
    ["wasm-jwt/hs/sign", "hs-sign.html", true, "/pkg/dist/hs/sign/wasm_jwt_bg.wasm"],
  ]) {
    test(`${entry}: the HMAC cases pass${signs ? "" : " (signing refused, naming wasm-jwt/hs/sign)"}, and the page fetches its HMAC-only .wasm and no other`, async () => {
      const cases = await hmacOnlyCases(await buildCases(), { signs });
      const firstRequest = browser.requests.length;
      const opened = await openRuntimePage(browser, `${server.origin}/${page}`);
      const outcomes = await opened.evaluate((runnable) => window.jwtRuntime.runCases(runnable), forRuntime(cases));
      await assertOutcomes(cases, outcomes, `Chromium plain ESM, ${entry}`);
      const wasmFetched = browser.requests.slice(firstRequest).filter((url) => url.endsWith(".wasm")).map((url) => new URL(url).pathname);
      assert.deepEqual(wasmFetched, [wasm]);
    });
  }
});
