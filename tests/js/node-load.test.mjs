// The package loads by name in Node ESM and CommonJS with no init call, through the
// exports map: wasm-jwt (the verify build) decodes and verifies what wasm-jwt/sign signs,
// and wasm-jwt/sign signs, decodes and verifies on its own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { PKG_DIR, appRequire, importPackage } from "./helpers/package.mjs";
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
  assert.equal(jwt.resolved, pathToFileURL(path.join(PKG_DIR, "src", "node.js")).href);
  assert.equal(signer.resolved, pathToFileURL(path.join(PKG_DIR, "src", "sign", "node.js")).href);
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
});
