// Interop with jose and jsonwebtoken, both ways, for every HMAC algorithm: their tokens
// verify here with the same payload, and ours verify there.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { jwtVerify } from "jose";
import jsonwebtoken from "jsonwebtoken";
import { importPackage } from "./helpers/package.mjs";
import { HASH_BYTES, flipSignatureBit, nowSeconds, secretOf, signWithJose } from "./helpers/tokens.mjs";

const { Key, sign, verify } = await importPackage("wasm-jwt/sign");

function claims() {
  const now = nowSeconds();
  return { sub: "user-7", name: "Zoë 🔐", roles: ["a", "b"], nested: { ok: true, n: 1.5, none: null }, iat: now, exp: now + 300 };
}

for (const [alg, bytes] of Object.entries(HASH_BYTES)) {
  describe(alg, () => {
    const secret = secretOf(bytes);
    const secretBytes = new TextEncoder().encode(secret);
    const options = { algorithms: [alg] };

    test("jose signs, wasm-jwt verifies the same payload and header", async () => {
      const payload = claims();
      const token = await signWithJose(payload, secret, { alg, header: { typ: "JWT", kid: "k1" } });
      for (const key of [secret, secretBytes, Key.hmac(secret)]) {
        const { header, payload: verified } = verify(token, key, options);
        assert.deepEqual(header, { alg, typ: "JWT", kid: "k1" });
        assert.deepEqual(verified, payload);
      }
      assert.throws(() => verify(flipSignatureBit(token), secret, options), { name: "JwtError", code: "bad_signature" });
    });

    test("jsonwebtoken signs, wasm-jwt verifies the same payload", () => {
      const payload = { ...claims(), aud: "api" };
      const token = jsonwebtoken.sign(payload, secret, { algorithm: alg });
      assert.deepEqual(verify(token, secret, { ...options, audience: "api" }).payload, payload);
      assert.throws(() => verify(flipSignatureBit(token), secret, options), { code: "bad_signature" });
    });

    test("wasm-jwt signs, jose verifies", async () => {
      const payload = { sub: "user-7", name: "Zoë 🔐", nested: { deep: [1, { x: "y" }] } };
      const token = sign(payload, secret, { alg, expiresIn: 120, header: { kid: "k2" } });
      const result = await jwtVerify(token, secretBytes, { algorithms: [alg] });
      assert.deepEqual(result.protectedHeader, { alg, typ: "JWT", kid: "k2" });
      assert.deepEqual({ ...result.payload, iat: undefined, exp: undefined }, { ...payload, iat: undefined, exp: undefined });
      assert.equal(result.payload.exp - result.payload.iat, 120);
      await assert.rejects(jwtVerify(flipSignatureBit(token), secretBytes), { code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
    });

    test("wasm-jwt signs, jsonwebtoken verifies", () => {
      const token = sign({ sub: "user-7", aud: ["api", "web"] }, Key.hmac(secretBytes), { alg, notBefore: -10 });
      const verified = jsonwebtoken.verify(token, secret, { algorithms: [alg], audience: "web" });
      assert.equal(verified.sub, "user-7");
      assert.equal(verified.nbf, verified.iat - 10);
      assert.throws(() => jsonwebtoken.verify(flipSignatureBit(token), secret, { algorithms: [alg] }), { name: "JsonWebTokenError", message: "invalid signature" });
    });
  });
}
