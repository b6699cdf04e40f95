// verifyAsync gives verify's outcomes on the shared jose cases (every algorithm, every key
// form, flipped signature bits, a malformed token): in Node's entry (node:crypto, as verify)
// and through the browser/workerd API, where WebCrypto checks RSA and ECDSA signatures;
// the WebCrypto path is seen to be taken. workerd runs the same in workerd.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { opensslAccepts, opensslOnlyCases } from "./helpers/ed25519-attacks.mjs";
import { PKG_DIR, importPackage } from "./helpers/package.mjs";
import { runCases, runCasesAsync } from "./fixtures/run-cases.mjs";
import { assertOutcomes, buildCases, forRuntime } from "./fixtures/support/tokens.mjs";

/**
 * The API the browser and workerd entries of wasm-jwt/sign export (sign/api-sign.js),
 * instantiated in Node: the cases sign too. wasm-jwt's own (the verify build) is tested
 * on its cases in node-verify-entry.test.mjs.
 */
async function webApi() {
  const glue = await import(pathToFileURL(path.join(PKG_DIR, "dist", "sign", "wasm_jwt.js")).href);
  glue.initSync({ module: readFileSync(path.join(PKG_DIR, "dist", "sign", "wasm_jwt_bg.wasm")) });
  return import(pathToFileURL(path.join(PKG_DIR, "src", "sign", "api-sign.js")).href);
}

const cases = await buildCases();
const runnable = forRuntime(cases);
const verifications = (outcomes) => outcomes.filter((_, i) => cases[i].op === "verify");

test("Node entry: verifyAsync's outcomes are verify's on every case", async () => {
  const jwt = await importPackage("wasm-jwt/sign");
  const outcomes = await runCasesAsync(jwt, runnable);
  await assertOutcomes(cases, outcomes, "node, verifyAsync");
  assert.deepEqual(verifications(outcomes), verifications(runCases(jwt, runnable)));
});

test("browser/workerd API: WebCrypto checks RSA, ECDSA and Ed25519 signatures, with verify's outcomes on every case", async (t) => {
  const jwt = await webApi();
  const subtle = globalThis.crypto.subtle;
  const calls = { importKey: 0, verify: 0 };
  for (const method of Object.keys(calls)) {
    const original = subtle[method];
    subtle[method] = function (...args) {
      calls[method] += 1;
      return original.apply(this, args);
    };
    t.after(() => delete subtle[method]);
  }
  const outcomes = await runCasesAsync(jwt, runnable);
  await assertOutcomes(cases, outcomes, "web API, verifyAsync");
  assert.deepEqual(verifications(outcomes), verifications(runCases(jwt, runnable)));
  const webCryptoCases = cases.filter((c) => c.op === "verify" && /^(RS|PS|ES\d|EdDSA|Ed25519)/.test(c.name));
  assert.ok(calls.verify >= webCryptoCases.length, `WebCrypto verified ${calls.verify} signatures for ${webCryptoCases.length} RSA/ECDSA/Ed25519 cases`);

  // Keys are imported once per key and algorithm: verifying the same token again imports none.
  const rsaCase = cases.find((c) => c.op === "verify" && c.name.startsWith("RS256") && c.key.jwks);
  const set = jwt.KeySet.fromJwks(rsaCase.key.jwks);
  await jwt.verifyAsync(rsaCase.token, set);
  const imports = calls.importKey;
  await jwt.verifyAsync(rsaCase.token, set);
  assert.equal(calls.importKey, imports);
});

test("browser/workerd API: the Ed25519 signatures OpenSSL alone accepts are refused by verifyAsync as by verify, and WebCrypto checks genuine ones", async (t) => {
  const jwt = await webApi();
  const subtle = globalThis.crypto.subtle;
  let verified = 0;
  const original = subtle.verify;
  subtle.verify = function (...args) {
    verified += 1;
    return original.apply(this, args);
  };
  t.after(() => delete subtle.verify);
  for (let n = 0; n < 4; n++) {
    for (const alg of ["EdDSA", "Ed25519"]) {
      const { jwk, publicJwk, identity, mixedJwk, orderTwo } = opensslOnlyCases(alg, n);
      assert.ok(opensslAccepts(publicJwk, identity) && opensslAccepts(mixedJwk, orderTwo), "cases OpenSSL accepts");
      const before = verified;
      const token = jwt.sign({ sub: "x" }, jwt.Key.fromJwk(jwk), { alg });
      assert.equal((await jwt.verifyAsync(token, jwt.Key.fromJwk(publicJwk))).payload.sub, "x");
      assert.equal(verified, before + 1, "WebCrypto checked the genuine signature");
      for (const [key, crafted] of [[publicJwk, identity], [mixedJwk, orderTwo]]) {
        await assert.rejects(jwt.verifyAsync(crafted, jwt.Key.fromJwk(key)), { code: "bad_signature", part: "signature" });
        assert.throws(() => jwt.verify(crafted, jwt.Key.fromJwk(key)), { code: "bad_signature", part: "signature" });
      }
    }
  }
});
