// In Node, RSA and ECDSA signatures are checked by node:crypto after the core's own checks
// (pkg/src/node-platform.js); elsewhere, and as the Rust crate does, by the core in wasm.
// Both paths run the same vectors and attacks here and must give the same outcome on each:
// every Wycheproof JWS and JWK case, the jose interop cases, and tampered signatures
// (flipped bits, wrong lengths, DER, r or s of 0 or n, high S).
import assert from "node:assert/strict";
import { keyPair } from "../../scripts/key-pairs.mjs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { assertOutcomes, buildCases, forRuntime } from "./fixtures/support/tokens.mjs";
import { runCases } from "./fixtures/run-cases.mjs";
import { opensslAccepts, opensslOnlyCases, withUnreducedS } from "./helpers/ed25519-attacks.mjs";
import { PKG_DIR, REPO_DIR, importPackage } from "./helpers/package.mjs";

const withPlatform = await importPackage("wasm-jwt/sign");
// The same glue module instance, with an API that checks every signature in wasm.
const { createApi } = await import(pathToFileURL(path.join(PKG_DIR, "src", "api.js")).href);
const { signGlue } = await import(pathToFileURL(path.join(PKG_DIR, "src", "sign", "glue-sign.js")).href);
const wasmOnly = createApi(signGlue);
// What the Node entry hands createApi, for APIs over stand-in platforms.
const PLATFORM_MODULES = {
  ...(await import(pathToFileURL(path.join(PKG_DIR, "src", "node-platform.js")).href)),
  ...(await import(pathToFileURL(path.join(PKG_DIR, "src", "platform-paths.js")).href)),
};
const PATHS = { "node:crypto": withPlatform, wasm: wasmOnly };

const vectors = (file) => JSON.parse(readFileSync(path.join(REPO_DIR, "..", "shared", "vectors", "wycheproof", file), "utf8"));

/** What verifying `token` with the key (a JWK or JWKS) gives: "verified" or the error's code and part. */
function outcome(api, keyJson, isSet, token) {
  let key;
  try {
    key = isSet ? api.KeySet.fromJwks(keyJson) : api.Key.fromJwk(keyJson);
    api.verify(token, key);
    return "verified";
  } catch (error) {
    // A Wycheproof payload need not be JSON: failing there means the signature matched.
    if (error.code === "malformed" && error.part === "payload") return "verified";
    return `${error.code}${error.part ? ` (${error.part})` : ""}`;
  } finally {
    key?.free();
  }
}

/** Compares both paths on every case; returns how many cases verified. */
function assertSamePaths(cases) {
  let verified = 0;
  for (const { name, keyJson, isSet, token } of cases) {
    const [platform, wasm] = Object.values(PATHS).map((api) => outcome(api, keyJson, isSet, token));
    assert.equal(platform, wasm, `${name}: node:crypto gave ${platform}, wasm ${wasm}`);
    if (platform === "verified") verified++;
  }
  return verified;
}

function algOf(token) {
  try {
    return String(JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString()).alg);
  } catch {
    return "";
  }
}

function b64(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

/** Tokens with the same header and payload and a tampered signature. */
function tamperedSignatures(token, alg) {
  const dot = token.lastIndexOf(".");
  const head = token.slice(0, dot + 1);
  const signature = Buffer.from(token.slice(dot + 1), "base64url");
  const flipped = Buffer.from(signature);
  flipped[flipped.length - 1] ^= 1;
  const variants = {
    "a flipped bit": flipped,
    "one byte short": signature.subarray(1),
    "one byte long": Buffer.concat([signature, Buffer.from([0])]),
    "all zeros": Buffer.alloc(signature.length),
    "all ones": Buffer.alloc(signature.length, 0xff),
    "empty": Buffer.alloc(0),
  };
  if (alg.startsWith("ES")) {
    const half = signature.length / 2;
    const [r, s] = [signature.subarray(0, half), signature.subarray(half)];
    const n = ORDERS[alg];
    const sHigh = Buffer.from((n - BigInt(`0x${s.toString("hex")}`)).toString(16).padStart(half * 2, "0"), "hex");
    Object.assign(variants, {
      "r = 0": Buffer.concat([Buffer.alloc(half), s]),
      "s = 0": Buffer.concat([r, Buffer.alloc(half)]),
      "s = n": Buffer.concat([r, Buffer.from(n.toString(16).padStart(half * 2, "0"), "hex")]),
      "high S (n - s), which RFC 7518 allows": Buffer.concat([r, sHigh]),
      "DER-encoded": derSignature(r, s),
    });
  }
  return Object.entries(variants).map(([what, bytes]) => [what, head + b64(bytes)]);
}

const ORDERS = {
  ES256: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  ES384: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  ES512: 0x01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
};

function derSignature(r, s) {
  const integer = (bytes) => {
    let body = Buffer.from(bytes);
    while (body.length > 1 && body[0] === 0) body = body.subarray(1);
    if (body[0] & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const content = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
}

describe("node:crypto and wasm give the same outcome", () => {
  test("on every Wycheproof JWS case with an RSA or EC key, and on its tampered signatures", () => {
    const cases = [];
    let expected = 0;
    for (const group of vectors("json_web_signature_test.json").testGroups) {
      if (group.private.kty === "oct") continue;
      const keyJson = JSON.stringify(group.public ?? group.private);
      for (const { tcId, jws, result } of group.tests) {
        cases.push({ name: `tcId ${tcId}`, keyJson, token: jws });
        const alg = algOf(jws);
        // tests/wycheproof.rs documents why these four, marked valid, are refused.
        if (result !== "valid" || [346, 347, 350, 351].includes(tcId)) continue;
        // Each valid case verifies, and so does the high-S twin of each valid ECDSA case.
        expected += alg.startsWith("ES") ? 2 : 1;
        if (/^(RS|PS|ES)/.test(alg)) {
          for (const [what, token] of tamperedSignatures(jws, alg)) cases.push({ name: `tcId ${tcId} with ${what}`, keyJson, token });
        }
      }
    }
    assert.equal(assertSamePaths(cases), expected, `of ${cases.length} cases`);
  });

  test("on every Wycheproof JWK and JWKS case", () => {
    const cases = [];
    for (const group of vectors("json_web_key_test.json").testGroups) {
      for (const set of [group.public, group.private].filter(Boolean)) {
        for (const { tcId, jws } of group.tests) cases.push({ name: `JWK tcId ${tcId}`, keyJson: JSON.stringify(set), isSet: true, token: jws });
      }
    }
    const verified = assertSamePaths(cases);
    assert.ok(verified >= 5, `${verified} of ${cases.length} cases verified`);
  });

  test("on the jose interop cases, each as jose expects", async () => {
    const cases = await buildCases();
    for (const [name, api] of Object.entries(PATHS)) {
      await assertOutcomes(cases, runCases(api, forRuntime(cases)), `Node, ${name}`);
    }
  });

  test("signing: each path's tokens verify on the other, and deterministic algorithms give the same bytes", () => {
    const { privateKey: rsa } = keyPair("rsa", { modulusLength: 2048 });
    const rsaPem = rsa.export({ type: "pkcs8", format: "pem" });
    const keys = {
      RS256: rsaPem, RS512: rsaPem, PS256: rsaPem, PS384: rsaPem,
      ES256: withPlatform.Key.generate("ES256").toPem(), ES384: withPlatform.Key.generate("ES384").toPem(),
      ES512: withPlatform.Key.generate("ES512").toPem(), EdDSA: withPlatform.Key.generate("EdDSA").toPem(),
    };
    for (const [alg, pem] of Object.entries(keys)) {
      const [platformKey, wasmKey] = [withPlatform.Key.fromPem(pem), wasmOnly.Key.fromPem(pem)];
      const options = { alg, issuedAt: 1_700_000_000 };
      const [byPlatform, byWasm] = [withPlatform.sign({ sub: alg }, platformKey, options), wasmOnly.sign({ sub: alg }, wasmKey, options)];
      assert.equal(wasmOnly.verify(byPlatform, wasmKey, { now: 1_700_000_000 }).payload.sub, alg);
      assert.equal(withPlatform.verify(byWasm, platformKey, { now: 1_700_000_000 }).payload.sub, alg);
      assert.equal(byPlatform.slice(0, byPlatform.lastIndexOf(".")), byWasm.slice(0, byWasm.lastIndexOf(".")), `${alg}: the same signing input`);
      if (alg.startsWith("RS") || alg === "EdDSA") assert.equal(byPlatform, byWasm, `${alg} is deterministic`);
      // The core still refuses what it refuses, whoever would sign.
      assert.throws(() => withPlatform.sign({ exp: "soon" }, platformKey, options), { code: "malformed_claim" });
      assert.throws(() => withPlatform.sign({}, withPlatform.Key.fromJwk(platformKey.toJwk()), options), { code: "key_mismatch" });
    }
  });

  test("on RSA tokens signed by OpenSSL with keys of 2048 to 4096 bits, odd sizes included, and on each with a changed byte", () => {
    // The wasm path is the core's own RSA arithmetic on 32-bit words (64-bit natively: tests/rsa_verify.rs).
    const cases = JSON.parse(readFileSync(path.join(REPO_DIR, "tests", "fixtures", "rsa-openssl.json"), "utf8"));
    let verified = 0;
    for (const { bits, publicPem, tokens } of cases) {
      for (const [alg, token] of Object.entries(tokens)) {
        const signature = Buffer.from(token.slice(token.lastIndexOf(".") + 1), "base64url");
        const changed = Buffer.from(signature);
        changed[changed.length >> 1] ^= 1;
        const tampered = `${token.slice(0, token.lastIndexOf("."))}.${changed.toString("base64url")}`;
        for (const [name, api] of Object.entries(PATHS)) {
          const key = api.Key.fromPem(publicPem);
          assert.equal(api.verify(token, key, { algorithms: [alg] }).payload.sub, `rsa-${bits}`, `${name}: ${alg} ${bits} bits`);
          assert.throws(() => api.verify(tampered, key, { algorithms: [alg] }), { code: "bad_signature" }, `${name}: ${alg} ${bits} bits, tampered`);
          key.free();
          verified++;
        }
      }
    }
    assert.equal(verified, 6 * 6 * 2);
  });

  test("with several candidate keys of a set (maxKeysTried) and a kid naming another key", () => {
    const { Key, KeySet, sign } = withPlatform;
    const [a, b] = [Key.generate("ES256"), Key.generate("ES256")];
    const jwks = JSON.stringify({ keys: [{ ...a.toJwk(), kid: "a" }, { ...b.toJwk(), kid: "b" }] });
    const kidless = sign({ sub: "x" }, b);
    const namingA = sign({ sub: "x" }, b, { header: { kid: "a" } });
    for (const api of Object.values(PATHS)) {
      const set = api.KeySet.fromJwks(jwks);
      assert.throws(() => api.verify(kidless, set), { code: "key_not_found" });
      assert.equal(api.verify(kidless, set, { maxKeysTried: 2 }).payload.sub, "x");
      assert.throws(() => api.verify(namingA, set), { code: "bad_signature", part: "signature" });
      assert.throws(() => api.verify(kidless, set, { maxKeysTried: 2, now: 4e9, maxAge: 60 }), { code: "too_old" });
    }
  });

  test("on Ed25519 signatures, with the two that OpenSSL alone accepts: R the identity, and R of order 2 with a key of mixed order", () => {
    const outcomes = (jwk, token) => Object.values(PATHS).map((api) => outcome(api, JSON.stringify(jwk), false, token));
    const refused = ["bad_signature (signature)", "bad_signature (signature)"];
    let crafted = 0;
    for (let n = 0; n < 8; n++) {
      for (const alg of ["EdDSA", "Ed25519"]) {
        const { jwk, publicJwk, identity, mixedJwk, orderTwo } = opensslOnlyCases(alg, n);
        const token = withPlatform.sign({ sub: `s${n}` }, withPlatform.Key.fromJwk(jwk), { alg });
        const [head, signature] = [token.slice(0, token.lastIndexOf(".")), Buffer.from(token.slice(token.lastIndexOf(".") + 1), "base64url")];
        const withSignature = (bytes) => `${head}.${Buffer.from(bytes).toString("base64url")}`;
        const flipped = (at) => signature.map((byte, i) => (i === at ? byte ^ 1 : byte));
        assert.deepEqual(outcomes(publicJwk, token), ["verified", "verified"], `${alg} ${n}: genuine`);
        for (const [what, bytes] of [["S + L", withUnreducedS(signature)], ["a bit of R", flipped(3)], ["a bit of S", flipped(40)], ["63 bytes", signature.subarray(0, 63)]]) {
          assert.deepEqual(outcomes(publicJwk, withSignature(bytes)), refused, `${alg} ${n}: ${what}`);
        }
        assert.ok(opensslAccepts(publicJwk, identity) && opensslAccepts(mixedJwk, orderTwo), "cases OpenSSL accepts");
        assert.deepEqual(outcomes(publicJwk, identity), refused, `${alg} ${n}: R the identity`);
        assert.deepEqual(outcomes(mixedJwk, orderTwo), refused, `${alg} ${n}: R of order 2, key of mixed order`);
        crafted += 2;
      }
    }
    assert.equal(crafted, 32);
  });

  test("the platform's answer is the one taken, and where it cannot check (throws, or has no key) the core checks", () => {
    const { nodePlatform } = PLATFORM_MODULES;
    const made = (verify, publicKey = nodePlatform.publicKey) => createApi(signGlue, { platform: { ...nodePlatform, publicKey, verify }, createPlatformPaths: PLATFORM_MODULES.createPlatformPaths });
    let asked = 0;
    const counting = made((...args) => (asked++, nodePlatform.verify(...args)));
    const lying = made(() => true);
    const throwing = made(() => {
      throw new Error("no");
    });
    const keyless = made(nodePlatform.verify, () => {
      throw new Error("no");
    });
    for (const alg of ["RS256", "PS256", "ES256", "EdDSA"]) {
      const signer = withPlatform.Key.generate(alg);
      const token = withPlatform.sign({ sub: "x" }, signer);
      const [head, signature] = [token.slice(0, token.lastIndexOf(".")), Buffer.from(token.slice(token.lastIndexOf(".") + 1), "base64url")];
      signature[5] ^= 1;
      const tampered = `${head}.${signature.toString("base64url")}`;
      const jwk = signer.toJwk();
      for (const isSet of [false, true]) {
        const keyOf = (api) => (isSet ? api.KeySet.fromJwks({ keys: [jwk] }) : api.Key.fromJwk(jwk));
        const before = asked;
        assert.equal(counting.verify(token, keyOf(counting)).payload.sub, "x");
        assert.throws(() => counting.verify(tampered, keyOf(counting)), { code: "bad_signature" });
        assert.equal(asked, before + 2, `${alg}: node:crypto checked both`);
        assert.equal(lying.verify(tampered, keyOf(lying)).payload.sub, "x", `${alg}: the platform's yes is taken`);
        for (const api of [throwing, keyless]) {
          assert.equal(api.verify(token, keyOf(api)).payload.sub, "x");
          assert.throws(() => api.verify(tampered, keyOf(api)), { code: "bad_signature" });
        }
      }
    }
  });
});
