// wasm-jwt/jwe in workerd (`wrangler dev`, a Worker importing it by name) and in headless
// Chromium (a plain ESM page, the "./jwe" browser entry in an import map): the interop
// cases with jose of support/jwe-cases.mjs, every alg x enc pair both ways and nested JWTs.
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
import { startWrangler } from "./fixtures/support/wrangler.mjs";
import { assertJweOutcomes, buildJweCases, jweCasesForRuntime } from "./fixtures/support/jwe-cases.mjs";

const cases = await buildJweCases();

describe("workerd, a Worker importing wasm-jwt/jwe", { timeout: 180_000 }, () => {
  let worker;

  before(async () => {
    worker = await startWrangler({
      name: "jwe-worker",
      files: {
        "index.mjs": path.join(FIXTURES_DIR, "jwe", "worker.mjs"),
        "cases.mjs": path.join(FIXTURES_DIR, "jwe", "cases.mjs"),
        "wrangler.jsonc": path.join(FIXTURES_DIR, "worker", "wrangler.jsonc"),
      },
    });
  });

  after(async () => {
    await worker?.stop();
  });

  test("every alg x enc both ways with jose, an altered token per alg, nested JWTs both ways", async () => {
    const response = await fetch(worker.origin, { method: "POST", body: JSON.stringify(jweCasesForRuntime(cases)) });
    assert.equal(response.status, 200, await response.clone().text());
    await assertJweOutcomes(cases, await response.json(), "workerd");
  });
});

describe("Chromium, a plain ESM page importing wasm-jwt/jwe", { timeout: 120_000 }, () => {
  let pageDir;
  let server;
  let browser;

  before(async () => {
    pageDir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-jwe-page-"));
    const installed = await installPackage(pageDir);
    const template = await readFile(path.join(FIXTURES_DIR, "jwe", "page.html"), "utf8");
    await writeFile(path.join(pageDir, "index.html"), template.replace("%BROWSER_ENTRY%", packageEntry(installed, ["browser", "import", "module"], "./jwe")));
    server = await serveStatic({ "/": pageDir, "/pkg/": installed, "/fixtures/": FIXTURES_DIR });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (pageDir) await rm(pageDir, { recursive: true, force: true });
  });

  test("every alg x enc both ways with jose, an altered token per alg, nested JWTs both ways; only the JWE .wasm is fetched", async () => {
    const page = await openRuntimePage(browser, `${server.origin}/`);
    const outcomes = await page.evaluate((runnable) => window.jwtRuntime.runCases(runnable), jweCasesForRuntime(cases));
    await assertJweOutcomes(cases, outcomes, "Chromium");
    assertLoopbackOnly(browser.requests);
    const wasmFetched = browser.requests.filter((url) => url.endsWith(".wasm")).map((url) => new URL(url).pathname);
    assert.deepEqual(wasmFetched, ["/pkg/dist/jwe/wasm_jwt_bg.wasm"]);
  });
});
