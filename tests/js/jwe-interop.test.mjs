// wasm-jwt/jwe and jose, both ways, in Node ESM and CommonJS: for every key management
// algorithm the core supports (ECDH-ES on each curve) with every content encryption, a
// token from jose decrypts here and one from here decrypts in jose; JWTs (jose's
// EncryptJWT/jwtDecrypt) and nested signed-then-encrypted JWTs both ways.
import assert from "node:assert/strict";
import { keyPair } from "../../scripts/key-pairs.mjs";
import path from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { CompactEncrypt, EncryptJWT, SignJWT, compactDecrypt, importJWK, jwtDecrypt, jwtVerify } from "jose";
import { PKG_DIR, appRequire, importPackage } from "./helpers/package.mjs";
import { ENCS, importJwe, keyManagementCases, requireJwe, secretJwk } from "./helpers/jwe.mjs";

const esm = await importJwe();
const cjs = requireJwe();
const cases = keyManagementCases();
// Bytes that are not UTF-8, and text with astral characters: plaintext is bytes both ways.
const plaintextOf = (label) => Buffer.concat([Buffer.from(`${label}: Zoë 🔐 `), Buffer.from([0, 0xff, 0xfe, 0x80])]);

describe("loading", () => {
  test("import resolves dist/jwe/index.mjs and require dist/jwe/index.cjs, each with the JWE functions", () => {
    assert.equal(esm.resolved, pathToFileURL(path.join(PKG_DIR, "dist", "jwe", "index.mjs")).href);
    assert.equal(appRequire().resolve("wasm-jwt/jwe"), path.join(PKG_DIR, "dist", "jwe", "index.cjs"));
    for (const jwt of [esm, cjs]) {
      for (const name of ["decrypt", "decryptJwt", "encrypt", "encryptJwt", "verify", "sign", "Key", "KeySet"]) assert.equal(typeof jwt[name], "function", name);
    }
  });

  test("the JWS entries have no JWE functions, and JwtError is one class across all of them", async () => {
    const full = await importPackage("wasm-jwt");
    assert.equal(full.decrypt, undefined);
    assert.equal(full.JwtError, esm.JwtError);
    assert.equal(appRequire()("wasm-jwt").JwtError, cjs.JwtError);
  });
});

for (const [format, jwt] of [["ESM", esm], ["CommonJS", cjs]]) {
  describe(`${format}: every alg x enc with jose`, () => {
    for (const { name, alg, keysFor } of cases) {
      test(`${name}: jose encrypts, wasm-jwt decrypts; wasm-jwt encrypts, jose decrypts`, async () => {
        for (const enc of Object.keys(ENCS)) {
          const { privateJwk, publicJwk } = keysFor(enc);
          const plaintext = plaintextOf(`${alg} ${enc}`);
          const fromJose = await new CompactEncrypt(plaintext).setProtectedHeader({ alg, enc, kid: "k1" }).encrypt(await importJWK(publicJwk, alg));
          const decrypted = jwt.decrypt(fromJose, jwt.Key.fromJwk(privateJwk), { algorithms: [alg], encryptionAlgorithms: [enc] });
          assert.deepEqual(Buffer.from(decrypted.plaintext), plaintext, `${alg} ${enc} from jose`);
          assert.ok(decrypted.plaintext instanceof Uint8Array);
          assert.equal(decrypted.header.alg, alg);
          assert.equal(decrypted.header.enc, enc);
          assert.equal(decrypted.header.kid, "k1");

          const ours = jwt.encrypt(plaintext, jwt.Key.fromJwk(publicJwk), { alg, enc, header: { kid: "k2" } });
          const { plaintext: joseText, protectedHeader } = await compactDecrypt(ours, await importJWK(privateJwk, alg));
          assert.deepEqual(Buffer.from(joseText), plaintext, `${alg} ${enc} to jose`);
          assert.equal(protectedHeader.alg, alg);
          assert.equal(protectedHeader.enc, enc);
          assert.equal(protectedHeader.kid, "k2");
        }
      });
    }
  });

  describe(`${format}: JWTs with jose`, () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: "user-7", name: "Zoë 🔐", aud: "api", iat: now, exp: now + 300 };
    const secret = secretJwk(32);

    test("jose's EncryptJWT decrypts with decryptJwt, claims checked", async () => {
      const token = await new EncryptJWT(claims).setProtectedHeader({ alg: "dir", enc: "A128CBC-HS256", typ: "JWT" }).encrypt(await importJWK(secret, "dir"));
      const key = jwt.Key.fromJwk(secret);
      const { header, payload } = jwt.decryptJwt(token, key, { audience: "api", typ: "JWT" });
      assert.deepEqual(header, { alg: "dir", enc: "A128CBC-HS256", typ: "JWT" });
      assert.deepEqual(payload, claims);
      assert.throws(() => jwt.decryptJwt(token, key, { audience: "web" }), { name: "JwtError", code: "audience" });
      assert.throws(() => jwt.decryptJwt(token, key, { audience: "api", now: now + 301 }), { code: "expired", claim: "exp" });
    });

    test("encryptJwt decrypts with jose's jwtDecrypt", async () => {
      const { privateJwk, publicJwk } = cases.find((c) => c.name === "ECDH-ES+A256KW P-384").keysFor();
      const token = jwt.encryptJwt(claims, jwt.Key.fromJwk(publicJwk), { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      const { payload, protectedHeader } = await jwtDecrypt(token, await importJWK(privateJwk, "ECDH-ES+A256KW"), { audience: "api" });
      assert.deepEqual(payload, claims);
      assert.equal(protectedHeader.epk.crv, "P-384");
    });

    test("encryptJwt refuses what sign refuses: a payload that is not an object, a registered claim of the wrong type", () => {
      const key = jwt.Key.fromJwk(secret);
      assert.throws(() => jwt.encryptJwt([1], key, { alg: "dir", enc: "A128CBC-HS256" }), { code: "malformed", part: "payload" });
      assert.throws(() => jwt.encryptJwt({ exp: "soon" }, key, { alg: "dir", enc: "A128CBC-HS256" }), { code: "malformed_claim", claim: "exp" });
    });
  });

  describe(`${format}: nested JWTs (signed, then encrypted) with jose`, () => {
    const signing = keyPair("ec", { namedCurve: "P-256" });
    const signingPrivate = { ...signing.privateKey.export({ format: "jwk" }), alg: "ES256", kid: "sig" };
    const signingPublic = { ...signing.publicKey.export({ format: "jwk" }), alg: "ES256", kid: "sig" };
    const { privateJwk, publicJwk } = cases.find((c) => c.name === "RSA-OAEP-256").keysFor();
    const claims = { sub: "user-7", iss: "https://issuer.example" };

    test("jose signs and encrypts (cty JWT); decryptJwt decrypts and verifies the inner token", async () => {
      const inner = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: "sig", typ: "JWT" }).setIssuedAt().sign(await importJWK(signingPrivate, "ES256"));
      const token = await new CompactEncrypt(new TextEncoder().encode(inner))
        .setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM", cty: "JWT" })
        .encrypt(await importJWK(publicJwk, "RSA-OAEP-256"));
      const key = jwt.Key.fromJwk(privateJwk);
      const verifyKey = jwt.Key.fromJwk(signingPublic);
      for (const verifier of [verifyKey, jwt.KeySet.fromJwks({ keys: [signingPublic] })]) {
        const { header, payload } = jwt.decryptJwt(token, key, { verifyKey: verifier, verifyAlgorithms: ["ES256"], issuer: "https://issuer.example" });
        assert.deepEqual(header, { alg: "RSA-OAEP-256", enc: "A256GCM", cty: "JWT" });
        assert.equal(payload.sub, "user-7");
      }
      assert.throws(() => jwt.decryptJwt(token, key), { code: "key_not_found", message: /nested JWT.*verifyKey/ });
      assert.throws(() => jwt.decryptJwt(token, key, { verifyKey, verifyAlgorithms: ["ES384"] }), { code: "alg_not_allowed" });
      assert.throws(() => jwt.decryptJwt(token, key, { verifyKey, issuer: "https://other.example" }), { code: "issuer" });
      const otherSigner = jwt.Key.fromJwk({ ...keyPair("ec", { namedCurve: "P-256" }).publicKey.export({ format: "jwk" }), alg: "ES256", kid: "sig" });
      assert.throws(() => jwt.decryptJwt(token, key, { verifyKey: otherSigner }), { code: "bad_signature" });
      // One options object, its verifyKey and issuer changed after use: each change takes effect.
      const options = { verifyKey };
      assert.equal(jwt.decryptJwt(token, key, options).payload.sub, "user-7");
      options.verifyKey = otherSigner;
      assert.throws(() => jwt.decryptJwt(token, key, options), { code: "bad_signature" });
      options.verifyKey = verifyKey;
      options.issuer = "https://other.example";
      assert.throws(() => jwt.decryptJwt(token, key, options), { code: "issuer" });
    });

    test("wasm-jwt signs and encrypts (cty JWT); jose decrypts and verifies the inner token", async () => {
      const inner = jwt.sign(claims, jwt.Key.fromJwk(signingPrivate), { expiresIn: 60 });
      const token = jwt.encrypt(inner, jwt.Key.fromJwk(publicJwk), { alg: "RSA-OAEP-256", enc: "A128CBC-HS256", header: { cty: "JWT" } });
      const { plaintext, protectedHeader } = await compactDecrypt(token, await importJWK(privateJwk, "RSA-OAEP-256"));
      assert.equal(protectedHeader.cty, "JWT");
      const { payload } = await jwtVerify(new TextDecoder().decode(plaintext), await importJWK(signingPublic, "ES256"), { issuer: "https://issuer.example" });
      assert.equal(payload.sub, "user-7");
      // And back here, verified by the same package.
      assert.equal(jwt.decryptJwt(token, jwt.Key.fromJwk(privateJwk), { verifyKey: jwt.Key.fromJwk(signingPublic) }).payload.sub, "user-7");
    });

    test("a verifyKey on a token that is not nested is refused", () => {
      const key = jwt.Key.fromJwk(privateJwk);
      const token = jwt.encryptJwt(claims, jwt.Key.fromJwk(publicJwk));
      assert.throws(() => jwt.decryptJwt(token, key, { verifyKey: jwt.Key.fromJwk(signingPublic) }), { code: "bad_signature", message: /no signed JWT/ });
      assert.equal(jwt.decryptJwt(token, key).payload.sub, "user-7");
    });
  });
}
