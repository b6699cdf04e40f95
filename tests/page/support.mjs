// What the page suites share: www/serve.mjs started on a free 127.0.0.1 port (stopped by
// PID after), one Chromium profile through playwright-core, every request recorded, and
// helpers that act as a user would.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import * as jose from "jose";
import { CHROMIUM, CHROMIUM_ARGS } from "../js/fixtures/support/chromium.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const SECRET = "a test secret of more than thirty-two bytes, for HS256";
export const encoder = new TextEncoder();

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "www", "serve.mjs"), "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`serve.mjs printed no URL in 10 s: ${output}`)), 10_000);
    const read = (chunk) => {
      output += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}: ${output}`)));
  });
}

// Registers the server and browser for the calling test file; the returned session
// fills in once `before` has run.
export function pageSession() {
  const session = { baseUrl: undefined, context: undefined, requests: [] };
  let server;
  let profileDir;
  before(async () => {
    ({ child: server, url: session.baseUrl } = await startServer());
    profileDir = mkdtempSync(join(tmpdir(), "wasm-jwt-page-"));
    session.context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      // Chromium keeps crash reports and settings under XDG dirs, not the profile.
      env: { ...process.env, XDG_CONFIG_HOME: join(profileDir, "config"), XDG_CACHE_HOME: join(profileDir, "cache") },
      viewport: { width: 1280, height: 1000 },
      colorScheme: "light",
    });
    session.context.on("request", (request) => session.requests.push(request.url()));
  });
  after(async () => {
    await session.context?.close();
    if (server?.pid) process.kill(server.pid, "SIGTERM");
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });
  session.openPage = async (path = "", { fixedTime, viewport } = {}) => {
    const page = await session.context.newPage();
    page.setDefaultTimeout(10_000);
    if (viewport) await page.setViewportSize(viewport);
    if (fixedTime) await page.clock.setFixedTime(fixedTime);
    // Page errors, and console errors such as a Content-Security-Policy violation.
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(session.baseUrl + path);
    await page.waitForSelector("html[data-ready='true']");
    page.errors = errors;
    return page;
  };
  return session;
}

export async function hsToken(payload, secret = SECRET, header = {}) {
  const key = typeof secret === "string" ? encoder.encode(secret) : secret;
  return new jose.SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT", ...header }).sign(key);
}

// Puts a token and an HMAC secret into the Decode view, with no issuer or audience options.
export async function pasteToken(page, token, secret = SECRET) {
  await page.fill("#verify-issuer", "");
  await page.fill("#verify-audience", "");
  await page.click("label[for=key-kind-secret]");
  await page.selectOption("#verify-secret-encoding", "utf8");
  await page.fill("#verify-secret", secret);
  await page.fill("#token", token);
}

export async function closePage(page) {
  assert.deepEqual(page.errors, [], "no page or console errors");
  await page.close();
}

export const verdict = (page, status = "#status") => page.getAttribute(status, "data-verdict");

export async function expectVerdict(page, expected, status = "#status") {
  await page.waitForFunction(([selector, value]) => document.querySelector(selector)?.dataset.verdict === value, [status, expected]);
  assert.equal(await verdict(page, status), expected);
}

// The text of one check line of the verdict (data-check: signature, exp, aud...).
export const checkText = (page, id, status = "#status") => page.textContent(`${status} [data-check="${id}"]`);

export const nowSeconds = () => Math.floor(Date.now() / 1000);
