// The package loads by name in Node ESM and CommonJS with no init call, through the
// exports map: wasm-jwt (the verify build) decodes and verifies what wasm-jwt/sign signs,
// and wasm-jwt/sign signs, decodes and verifies on its own.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { PKG_DIR, appDirectory, appRequire, importPackage } from "./helpers/package.mjs";
import { secretOf } from "./helpers/tokens.mjs";

const API = ["JwtError", "Key", "KeySet", "cacheApiStore", "createRemoteKeySet", "createVerifier", "decode", "kvStore", "memoryBytes", "sign", "verify", "verifyAsync"];

/** `signer` signs, `jwt` decodes and verifies. */
function roundTrip(jwt, signer = jwt) {
  const secret = secretOf(32);
  const token = signer.sign({ sub: "ada", roles: ["admin"] }, secret, { issuedAt: 1_700_000_000, expiresIn: 60 });
  const decoded = jwt.decode(token);
  assert.deepEqual(decoded.header, { alg: "HS256", typ: "JWT" });
  assert.deepEqual(decoded.payload, { iat: 1_700_000_000, exp: 1_700_000_060, sub: "ada", roles: ["admin"] });
  assert.equal(decoded.signature, token.split(".")[2]);
  const verified = jwt.verify(token, jwt.Key.hmac(secret), { now: 1_700_000_030 });
  assert.deepEqual(verified, { header: decoded.header, payload: decoded.payload });
  assert.throws(() => jwt.verify(token, secret, { now: 1_700_000_060 }), (e) => e instanceof jwt.JwtError && e.code === "expired");
}

test("import resolves the Node ESM entries and works with no init call", async () => {
  const jwt = await importPackage();
  const signer = await importPackage("wasm-jwt/sign");
  assert.equal(jwt.resolved, pathToFileURL(path.join(PKG_DIR, "dist", "index.mjs")).href);
  assert.equal(signer.resolved, pathToFileURL(path.join(PKG_DIR, "dist", "sign", "index.mjs")).href);
  for (const entry of [jwt, signer]) assert.deepEqual(Object.keys(entry).filter((name) => name !== "resolved").sort(), API);
  roundTrip(jwt, signer);
  roundTrip(signer);
});

test("require resolves the CommonJS bundles and works with no init call", () => {
  const require = appRequire();
  assert.equal(require.resolve("wasm-jwt"), path.join(PKG_DIR, "dist", "index.cjs"));
  assert.equal(require.resolve("wasm-jwt/sign"), path.join(PKG_DIR, "dist", "sign", "index.cjs"));
  const jwt = require("wasm-jwt");
  const signer = require("wasm-jwt/sign");
  for (const entry of [jwt, signer]) assert.deepEqual(Object.keys(entry).sort(), API);
  roundTrip(jwt, signer);
  roundTrip(signer);
});

test("tokens cross between the ESM and CommonJS builds", async () => {
  const esm = await importPackage("wasm-jwt/sign");
  const cjs = appRequire()("wasm-jwt/sign");
  const secret = secretOf(48);
  const options = { algorithms: ["HS384"] };
  assert.equal(cjs.verify(esm.sign({ n: 1 }, secret, { alg: "HS384" }), secret, options).payload.n, 1);
  assert.equal(esm.verify(cjs.sign({ n: 2 }, secret, { alg: "HS384" }), secret, options).payload.n, 2);
});

test("a Key from the other build is refused with a message that says why", async () => {
  const esm = await importPackage("wasm-jwt/sign");
  const cjs = appRequire()("wasm-jwt");
  const secret = secretOf(32);
  const token = esm.sign({}, secret);
  for (const [jwt, foreignKey] of [[esm, cjs.Key.hmac(secret)], [cjs, esm.KeySet.fromJwks({ keys: [] })]]) {
    assert.throws(() => jwt.verify(token, foreignKey), (e) => e instanceof jwt.JwtError && e.code === "invalid_key" && /another copy of wasm-jwt/.test(e.message));
  }
});

test("the package ships one glue file and one .wasm, and lists every file it needs", async () => {
  const { readFileSync, existsSync } = await import("node:fs");
  const manifest = JSON.parse(readFileSync(path.join(PKG_DIR, "package.json"), "utf8"));
  for (const file of manifest.files) assert.ok(existsSync(path.join(PKG_DIR, file)), `${file} is listed in "files" and exists after the build`);
  for (const dir of ["dist", "dist/sign"]) {
    const bundle = readFileSync(path.join(PKG_DIR, dir, "index.cjs"), "utf8");
    assert.match(bundle, /wasm_jwt_bg\.wasm/, `${dir}/index.cjs reads the .wasm next to it`);
    assert.doesNotMatch(bundle, /WebAssembly\.instantiateStreaming/, `${dir}/index.cjs has no async loader`);
  }
  for (const dir of ["dist", "dist/sign", "dist/hs", "dist/jwe"]) {
    const bundle = readFileSync(path.join(PKG_DIR, dir, "index.mjs"), "utf8");
    const imported = [...bundle.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    assert.deepEqual([...new Set(imported)].sort(), [path.relative(path.join(PKG_DIR, dir), path.join(PKG_DIR, "src", "jwt-error.js")), "./wasm_jwt.js"].sort(), `${dir}/index.mjs imports only the build's glue and JwtError`);
    assert.match(bundle, /new URL\("wasm_jwt_bg\.wasm", import\.meta\.url\)/, `${dir}/index.mjs reads the .wasm next to it`);
  }
});

/**
 * What `source` prints, run as an ES module (or CommonJS) file of the app directory by a fresh
 * node (a file: `node -e` loads node:crypto at start-up for its own use).
 */
function runFresh(source, { commonJs = false } = {}) {
  const file = path.join(appDirectory(), `fresh.${commonJs ? "cjs" : "mjs"}`);
  writeFileSync(file, source);
  return JSON.parse(execFileSync(process.execPath, [file], { encoding: "utf8" }));
}

// An ES256 round trip (node:crypto signs and checks it) and an HMAC one, reporting whether
// node:crypto was loaded after the import, after HMAC use, and after the ES256 key.
const CRYPTO_LOADED = `process.moduleLoadList.includes("NativeModule crypto")`;
const ROUND_TRIPS = `
  const loaded = [${CRYPTO_LOADED}];
  const secret = "a secret of at least 32 bytes for HS256!";
  const hs = jwt.verify(jwt.sign({ n: 1 }, secret), secret).payload.n;
  loaded.push(${CRYPTO_LOADED});
  const key = jwt.Key.generate("ES256");
  const es = jwt.verify(jwt.sign({ n: 2 }, key), jwt.Key.fromJwk(key.toJwk()), { algorithms: ["ES256"] }).payload.n;
  loaded.push(${CRYPTO_LOADED});
  console.log(JSON.stringify({ hs, es, loaded }));`;

test("node:crypto is loaded at the first key that needs it, not at import", () => {
  const expected = { hs: 1, es: 2, loaded: [false, false, true] };
  assert.deepEqual(runFresh(`const jwt = await import("wasm-jwt/sign");${ROUND_TRIPS}`), expected);
  assert.deepEqual(runFresh(`const jwt = require("wasm-jwt/sign");${ROUND_TRIPS}`, { commonJs: true }), expected);
});

test("on Node without process.getBuiltinModule (before 20.16), the entries load node:fs and node:crypto at import", () => {
  const expected = { hs: 1, es: 2, loaded: [true, true, true] };
  const withoutGetBuiltinModule = "delete process.getBuiltinModule;";
  for (const entry of ["wasm-jwt/sign", "wasm-jwt/jwe"]) {
    assert.deepEqual(runFresh(`${withoutGetBuiltinModule} const jwt = await import("${entry}");${ROUND_TRIPS}`), expected, `${entry}, import`);
    assert.deepEqual(runFresh(`${withoutGetBuiltinModule} const jwt = require("${entry}");${ROUND_TRIPS}`, { commonJs: true }), expected, `${entry}, require`);
  }
  for (const entry of ["wasm-jwt", "wasm-jwt/hs", "wasm-jwt/hs/sign"]) {
    const verified = `const secret = "a secret of at least 32 bytes for HS256!";
      const token = require("node:crypto").createHmac("sha256", secret).update("eyJhbGciOiJIUzI1NiJ9.e30").digest("base64url");
      console.log(JSON.stringify(jwt.verify("eyJhbGciOiJIUzI1NiJ9.e30." + token, secret).payload));`;
    assert.deepEqual(runFresh(`${withoutGetBuiltinModule} const { createRequire } = await import("node:module"); const require = createRequire(import.meta.url); const jwt = await import("${entry}"); ${verified}`), {}, `${entry}, import`);
  }
});
