// wasm-jwt, the verify build, next to wasm-jwt/sign, the signing build, loaded by name in
// Node ESM and CommonJS: the verify build decodes and verifies every algorithm with public
// keys (JWK, JWKS, SPKI PEM, PKCS#1 public PEM, an X.509 certificate) and secrets, runs the
// shared jose cases with each signing case refused, and refuses sign, Key.generate and
// every private key form with unsupported_alg naming wasm-jwt/sign. Its wasm has no signing.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { runCases } from "./fixtures/run-cases.mjs";
import { assertOutcomes, buildCases, forRuntime } from "./fixtures/support/tokens.mjs";
import { SIGN_ENTRY_HINT, verifyOnlyCases } from "./fixtures/support/verify-only.mjs";
import { PKG_DIR, appRequire, importPackage } from "./helpers/package.mjs";
import { secretOf } from "./helpers/tokens.mjs";

const BUILDS = {
  ESM: { verifier: await importPackage(), signer: await importPackage("wasm-jwt/sign") },
  CommonJS: { verifier: appRequire()("wasm-jwt"), signer: appRequire()("wasm-jwt/sign") },
};

// node:crypto's keys in every form a user hands over, public and private.
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const ed = generateKeyPairSync("ed25519");
const PRIVATE_FORMS = {
  "an RSA private JWK": { jwk: rsa.privateKey.export({ format: "jwk" }) },
  "an EC private JWK": { jwk: ec.privateKey.export({ format: "jwk" }) },
  "an Ed25519 private JWK": { jwk: ed.privateKey.export({ format: "jwk" }) },
  "a PKCS#8 PEM (RSA)": { pem: rsa.privateKey.export({ type: "pkcs8", format: "pem" }) },
  "a PKCS#8 PEM (EC)": { pem: ec.privateKey.export({ type: "pkcs8", format: "pem" }) },
  "a PKCS#8 PEM (Ed25519)": { pem: ed.privateKey.export({ type: "pkcs8", format: "pem" }) },
  "a PKCS#1 PEM": { pem: rsa.privateKey.export({ type: "pkcs1", format: "pem" }) },
  "a SEC1 PEM": { pem: ec.privateKey.export({ type: "sec1", format: "pem" }) },
};

// An Ed25519 key and a v3 certificate for it made by OpenSSL 3.0 (the same as src/keys/pem.rs's tests).
const ED_PUBLIC = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAT9KXYkqdZAuIDmait/ehBHf25p0c6gcQutwl7tI+cuY=\n-----END PUBLIC KEY-----\n";
const ED_CERT = "-----BEGIN CERTIFICATE-----\nMIIBHTCB0KADAgECAgEDMAUGAytlcDANMQswCQYDVQQDDAJ2MzAgFw0yNjExMjMw\nNzQyMTdaGA8yMTI2MTAzMDA3NDIxN1owDTELMAkGA1UEAwwCdjMwKjAFBgMrZXAD\nIQBP0pdiSp1kC4gOZqK396EEd/bmnRzqBxC63CXu0j5y5qNTMFEwHQYDVR0OBBYE\nFElWevK6tMUFkEpUJeidP2IKFH2lMB8GA1UdIwQYMBaAFElWevK6tMUFkEpUJeid\nP2IKFH2lMA8GA1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EAVxv7Zdrh/R2qkPREIZg4\nHTuTPaUneQ2KlLtEMkfNtehhaLT3HK+AZK3IXRgir1T4viNEkiFX/4rOalmitim+\nAQ==\n-----END CERTIFICATE-----\n";

/** The assertion that `error` is `jwt`'s JwtError unsupported_alg naming wasm-jwt/sign. */
function namesSignEntry(jwt) {
  return (error) => error instanceof jwt.JwtError && error.code === "unsupported_alg" && error.message.includes(SIGN_ENTRY_HINT);
}

for (const [name, { verifier, signer }] of Object.entries(BUILDS)) {
  describe(`${name}: wasm-jwt, the verify build`, () => {
    test("sign and Key.generate exist and throw unsupported_alg naming wasm-jwt/sign", () => {
      assert.equal(typeof verifier.sign, "function");
      assert.equal(typeof verifier.Key.generate, "function");
      for (const attempt of [() => verifier.sign({ sub: "ada" }, secretOf(32)), () => verifier.sign({}, verifier.Key.hmac(secretOf(32))), () => verifier.Key.generate("ES256")]) {
        assert.throws(attempt, namesSignEntry(verifier));
      }
      assert.throws(() => verifier.sign({}, secretOf(32)), { message: /^sign is not in this build \(wasm-jwt is the verify build: import from "wasm-jwt\/sign"/ });
    });

    test("every private key form is refused with unsupported_alg naming wasm-jwt/sign; its public half is read", () => {
      for (const [form, { jwk, pem }] of Object.entries(PRIVATE_FORMS)) {
        assert.throws(() => (jwk ? verifier.Key.fromJwk(jwk) : verifier.Key.fromPem(pem)), namesSignEntry(verifier), form);
        const publicKey = signer.Key.fromJwk(signer.Key[jwk ? "fromJwk" : "fromPem"](jwk ?? pem).toJwk());
        assert.equal(verifier.Key.fromJwk(publicKey.toJwk()).isPrivate, false, form);
      }
      // In a key set, the private key is refused when a token asks for it.
      const ecJwk = { ...PRIVATE_FORMS["an EC private JWK"].jwk, kid: "ec", alg: "ES256" };
      const set = verifier.KeySet.fromJwks({ keys: [ecJwk] });
      const token = signer.sign({ sub: "ada" }, signer.Key.fromJwk(ecJwk));
      assert.throws(() => verifier.verify(token, set), namesSignEntry(verifier));
    });

    test("verifies what wasm-jwt/sign signs, for every algorithm, with public JWK, SPKI PEM and JWKS keys and secrets", () => {
      for (const alg of ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]) {
        const signingKey = alg.startsWith("RS") || alg.startsWith("PS") ? signer.Key.fromPem(rsa.privateKey.export({ type: "pkcs8", format: "pem" })) : signer.Key.generate(alg);
        const token = signer.sign({ sub: alg }, signingKey, { alg, header: { kid: "k" } });
        const verifyKeys = alg.startsWith("HS")
          ? [verifier.Key.fromJwk(signingKey.toJwk({ private: true })), Buffer.from(signingKey.toJwk({ private: true }).k, "base64url")]
          : [verifier.Key.fromJwk(signingKey.toJwk()), verifier.Key.fromPem(signer.Key.fromJwk(signingKey.toJwk()).toPem()), verifier.KeySet.fromJwks({ keys: [{ ...signingKey.toJwk(), kid: "k" }] })];
        for (const key of verifyKeys) assert.equal(verifier.verify(token, key, { algorithms: [alg] }).payload.sub, alg, alg);
        assert.deepEqual(verifier.decode(token).payload, signer.decode(token).payload);
      }
    });

    test("reads PKCS#1 public keys and X.509 certificates, and exports public keys as JWK and PEM", () => {
      const pkcs1 = verifier.Key.fromPem(rsa.publicKey.export({ type: "pkcs1", format: "pem" }));
      assert.deepEqual(pkcs1.toJwk(), { ...rsa.publicKey.export({ format: "jwk" }) });
      assert.equal(verifier.Key.fromPem(ED_CERT).toPem(), ED_PUBLIC);
      assert.equal(verifier.Key.fromPem(ED_PUBLIC).thumbprint(), signer.Key.fromPem(ED_PUBLIC).thumbprint());
      assert.equal(verifier.Key.fromJwk({ kty: "oct", k: Buffer.from(secretOf(32)).toString("base64url") }).toJwk({ private: true }).kty, "oct");
    });

    test("the shared jose cases: every verification as wasm-jwt/sign gives it, every signing case refused", async () => {
      const cases = verifyOnlyCases(await buildCases());
      await assertOutcomes(cases, runCases(verifier, forRuntime(cases)), `Node ${name}, wasm-jwt`);
    });
  });
}

describe("the verify build's files", () => {
  test("its wasm is its own, well under the signing build's, and its glue exports no signing", () => {
    const verifyWasm = readFileSync(path.join(PKG_DIR, "dist", "wasm_jwt_bg.wasm"));
    const signWasm = readFileSync(path.join(PKG_DIR, "dist", "sign", "wasm_jwt_bg.wasm"));
    assert.ok(verifyWasm.length * 1.4 < signWasm.length, `verify ${verifyWasm.length} bytes, sign ${signWasm.length} bytes`);
    const verifyGlue = readFileSync(path.join(PKG_DIR, "dist", "wasm_jwt.js"), "utf8");
    for (const name of ["export function sign(", "signStart", "SignOptions", "platformPrivateKey", "static generate("]) {
      assert.ok(!verifyGlue.includes(name), `the verify build's glue has no ${name}`);
    }
    const signGlue = readFileSync(path.join(PKG_DIR, "dist", "sign", "wasm_jwt.js"), "utf8");
    assert.ok(signGlue.includes("export function sign(") && signGlue.includes("static generate("), "the signing build's glue signs and generates");
  });

  test("JwtError is one class across wasm-jwt and wasm-jwt/sign, under import and under require", () => {
    assert.equal(BUILDS.ESM.verifier.JwtError, BUILDS.ESM.signer.JwtError);
    assert.equal(BUILDS.CommonJS.verifier.JwtError, BUILDS.CommonJS.signer.JwtError);
  });
});
