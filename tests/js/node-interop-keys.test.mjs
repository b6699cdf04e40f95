// Interop with jose for every JWS algorithm (the 13 of RFC 7518/8037, plus the alg name
// Ed25519), both ways, through each form in which users hold keys: jose signs and
// wasm-jwt verifies the same header and payload with the public key as a JWK, a JWKS
// (selected by kid) and SPKI PEM (HMAC: the secret string, an oct JWK, a JWKS); wasm-jwt
// signs with the private key as a JWK and as PKCS#8 PEM, and jose verifies. The table is
// ALGORITHMS of fixtures/support/tokens.mjs, the one the browser and workerd tests run.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { importJWK, importSPKI } from "jose";

import { importPackage } from "./helpers/package.mjs";
import { makeWasmKey } from "./fixtures/run-cases.mjs";
import {
  ALGORITHMS, assertJoseVerifies, flipSignatureBit, jwksFor, makeKey, samplePayload, signWithJose,
} from "./fixtures/support/tokens.mjs";

const jwt = await importPackage("wasm-jwt/sign");
const { Key, KeySet, sign, verify } = jwt;

const keys = await Promise.all(ALGORITHMS.map((algorithm) => makeKey(algorithm)));
const byAlg = Object.fromEntries(keys.map((key) => [key.alg, key]));

/** Runs `use` with the package's key for `descriptor` (a secret stays a string), then frees it. */
function withKey(descriptor, use) {
  if (descriptor.secret !== undefined) return use(descriptor.secret);
  const key = makeWasmKey(jwt, descriptor);
  try {
    return use(key);
  } finally {
    key.free();
  }
}

/** Each way to verify: [form, key descriptor, whether the token must carry the key's kid]. */
function verifyForms(key) {
  return [
    ...Object.entries(key.publicForms).map(([form, descriptor]) => [form, descriptor, false]),
    // The set holds every key of the same kind, so only the kid picks this one.
    ["JWKS selected by kid", { jwks: jwksFor(key, keys) }, true],
  ];
}

for (const key of keys) {
  const { alg, kid } = key;
  const options = { algorithms: [alg] };

  describe(alg, () => {
    for (const [form, descriptor, needsKid] of verifyForms(key)) {
      test(`jose signs, wasm-jwt verifies the same header and payload with the key as ${form}`, async () => {
        const payload = samplePayload({ alg_under_test: alg });
        const token = await signWithJose(key, payload, needsKid ? { kid } : {});
        withKey(descriptor, (wasmKey) => {
          const verified = verify(token, wasmKey, options);
          assert.deepEqual(verified.header, { alg, typ: "JWT", ...(needsKid ? { kid } : {}) });
          assert.deepEqual(verified.payload, payload);
          assert.throws(() => verify(flipSignatureBit(token), wasmKey, options), { name: "JwtError", code: "bad_signature" });
        });
      });
    }

    for (const [form, descriptor] of Object.entries(key.privateForms)) {
      test(`wasm-jwt signs with the key as ${form}, jose verifies the same header and payload`, async () => {
        const payload = samplePayload({ alg_under_test: alg, signed_with: form });
        const token = withKey(descriptor, (wasmKey) => sign(payload, wasmKey, { alg, header: { kid } }));
        await assertJoseVerifies(token, { key: key.verifyingKey, alg, kid, payload }, `${alg} ${form}`);
      });
    }

    if (!key.symmetric) {
      // The public key wasm-jwt exports from the private one is a key jose reads and
      // verifies with: what a service does when it publishes its own JWKS or PEM.
      test("the public key wasm-jwt exports (toJwk, toPem) verifies its tokens in jose", async () => {
        const payload = samplePayload({ alg_under_test: alg });
        const exported = withKey(key.privateForms["PKCS#8 PEM"], (privateKey) => ({
          token: sign(payload, privateKey, { alg, header: { kid } }),
          jwk: privateKey.toJwk(),
          pem: privateKey.toPem(),
        }));
        assert.ok(exported.pem.startsWith("-----BEGIN PRIVATE KEY-----"), "toPem of a private key is PKCS#8");
        assert.ok(!("d" in exported.jwk), "toJwk() leaves out the private members");
        const spki = withKey({ jwk: exported.jwk }, (publicKey) => publicKey.toPem());
        assert.ok(spki.startsWith("-----BEGIN PUBLIC KEY-----"), "toPem of a public key is SPKI");
        for (const joseKey of [await importJWK(exported.jwk, alg), await importSPKI(spki, alg)]) {
          await assertJoseVerifies(exported.token, { key: joseKey, alg, kid, payload }, `${alg} exported key`);
        }
      });
    }
  });
}

describe("keys that do not fit the token", () => {
  test("an ES256 token checked with a P-384 key is key_mismatch (JWK, SPKI PEM, JWKS kid)", async () => {
    const token = await signWithJose(byAlg.ES256, samplePayload(), { kid: byAlg.ES384.kid });
    const p384 = byAlg.ES384;
    for (const descriptor of [p384.publicForms["public JWK"], p384.publicForms["SPKI PEM"], { jwks: { keys: [p384.jwk] } }]) {
      withKey(descriptor, (wasmKey) => assert.throws(() => verify(token, wasmKey), { name: "JwtError", code: "key_mismatch" }, Object.keys(descriptor)[0]));
    }
  });

  test("an RS256 token checked with an HMAC secret made of the SPKI PEM text is invalid_key", async () => {
    const rsa = byAlg.RS256;
    const token = await signWithJose(rsa, samplePayload());
    const pem = rsa.publicForms["SPKI PEM"].pem;
    for (const secret of [pem, new TextEncoder().encode(pem)]) {
      assert.throws(() => verify(token, secret), { name: "JwtError", code: "invalid_key" });
    }
    assert.throws(() => Key.hmac(pem), { name: "JwtError", code: "invalid_key" });
  });

  test("in a JWKS the kid decides: another key of the same algorithm is bad_signature", async () => {
    // Two ES256 keys in one set; a token signed by one but naming the other must fail,
    // so a library that tried every key (or the first) would not pass.
    const [first, second] = await Promise.all([makeKey({ alg: "ES256" }, "first"), makeKey({ alg: "ES256" }, "second")]);
    const set = KeySet.fromJwks({ keys: [first.jwk, second.jwk] });
    try {
      const payload = samplePayload();
      const named = await signWithJose(second, payload, { kid: "second" });
      const misnamed = await signWithJose(second, payload, { kid: "first" });
      assert.deepEqual(verify(named, set).payload, payload);
      assert.throws(() => verify(misnamed, set), { name: "JwtError", code: "bad_signature" });
    } finally {
      set.free();
    }
  });
});
