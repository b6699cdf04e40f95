// wasm-jwt in a Vite 7 production build loaded by headless Chromium. The fixture app is
// copied to a temp project with the package's published files in node_modules/wasm-jwt,
// and imports "wasm-jwt" and "wasm-jwt/sign" by name, with no Vite plugin and no Vite configuration.
import { after, before, describe, test } from "node:test";
import { copyFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "vite";

import { FIXTURES_DIR } from "./fixtures/support/paths.mjs";
import { installPackage } from "./fixtures/support/installed-package.mjs";
import { serveStatic } from "./fixtures/support/static-server.mjs";
import { assertLoopbackOnly, launchChromium, openRuntimePage } from "./fixtures/support/chromium.mjs";
import { assertOutcomes, buildCases, forRuntime } from "./fixtures/support/tokens.mjs";
import { verifyOnlyCases } from "./fixtures/support/verify-only.mjs";

/** A user's Vite project: the app's sources and the installed package. */
async function makeProject(dir) {
  await cp(path.join(FIXTURES_DIR, "vite-app"), dir, { recursive: true });
  await copyFile(path.join(FIXTURES_DIR, "run-cases.mjs"), path.join(dir, "run-cases.mjs"));
  await installPackage(dir);
}

describe("Chromium, Vite 7 production build", { timeout: 180_000 }, () => {
  let workDir;
  let server;
  let browser;

  before(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-vite-"));
    const projectDir = path.join(workDir, "app");
    const outDir = path.join(workDir, "dist");
    await makeProject(projectDir);
    await build({
      root: projectDir,
      configFile: false,
      logLevel: "warn",
      cacheDir: path.join(workDir, "vite-cache"),
      build: { outDir, emptyOutDir: true },
    });
    server = await serveStatic({ "/": outDir });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test("wasm-jwt/sign: every algorithm both ways with jose, through JWK, JWKS and PEM keys; a flipped bit is bad_signature; a malformed token is located", async () => {
    const cases = await buildCases();
    const page = await openRuntimePage(browser, `${server.origin}/`);
    const outcomes = await page.evaluate((runnable) => window.jwtRuntime.runSignCases(runnable), forRuntime(cases));
    await assertOutcomes(cases, outcomes, "Chromium Vite build, wasm-jwt/sign");
    assertLoopbackOnly(browser.requests);
  });

  test("wasm-jwt: verifies every algorithm's jose tokens and refuses signing, Key.generate and private keys naming wasm-jwt/sign", async () => {
    const cases = verifyOnlyCases(await buildCases());
    const page = await openRuntimePage(browser, `${server.origin}/`);
    const outcomes = await page.evaluate((runnable) => window.jwtRuntime.runCases(runnable), forRuntime(cases));
    await assertOutcomes(cases, outcomes, "Chromium Vite build, wasm-jwt");
  });
});
