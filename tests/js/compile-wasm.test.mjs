// pkg/src/compile-wasm.js, which the browser entries load their .wasm with: streaming when
// the server says application/wasm, from the bytes when it says anything else (a
// misconfigured static host), and a clear error for a failed fetch. Run in Node, which has
// fetch and WebAssembly.compileStreaming as browsers do; Chromium loads every entry through
// it in browser.test.mjs and vite.test.mjs.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { PKG_DIR } from "./helpers/package.mjs";

const { compileWasm } = await import(pathToFileURL(path.join(PKG_DIR, "src", "compile-wasm.js")).href);
const wasm = readFileSync(path.join(PKG_DIR, "dist", "hs", "wasm_jwt_bg.wasm"));
const served = [];
let server;
let origin;

before(async () => {
  // Each route serves the .wasm with its Content-Type ("/none": without one); others are 404.
  const types = { "/wasm": "application/wasm", "/octets": "application/octet-stream", "/none": null };
  server = createServer((req, res) => {
    served.push(req.url);
    if (!Object.hasOwn(types, req.url)) return res.writeHead(404).end("not found");
    res.writeHead(200, types[req.url] === null ? {} : { "Content-Type": types[req.url] }).end(wasm);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

test("the .wasm compiles whatever MIME type the server sends, and exports the glue's functions", async () => {
  for (const route of ["/wasm", "/octets", "/none"]) {
    const module = await compileWasm(new URL(route, origin));
    assert.ok(module instanceof WebAssembly.Module, route);
    assert.ok(WebAssembly.Module.exports(module).some(({ name }) => name === "verifyWithKey"), route);
  }
  assert.deepEqual(served, ["/wasm", "/octets", "/none"], "one fetch per load");
});

test("a failed fetch throws with the URL and the status", async () => {
  await assert.rejects(compileWasm(new URL("/missing.wasm", origin)), (e) => e.message.includes("/missing.wasm") && e.message.includes("404"));
});
