// wasm-jwt/jwe against altered and hostile tokens, keys and options (issue 12's attack
// list at the JS level), in Node ESM and CommonJS: every change to the encrypted parts or
// the protected header is decryption_failed with one message, the structural faults name
// themselves, encryption keys and signing keys stay apart, and options are read as
// api.js reads verify's (property access, once, unknown names refused, never JSON.stringify'd);
// and wasm-jwt's own hostile-input cases pass with this entry's verify, sign and keys.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { runHostileCases } from "./fixtures/hostile-cases.mjs";
import { PKG_DIR, importPackage } from "./helpers/package.mjs";
import { changeSegment, flipBit, importJwe, keyManagementCases, requireJwe, secretJwk } from "./helpers/jwe.mjs";

const esm = await importJwe();
const cjs = requireJwe();
const cases = keyManagementCases();
const keysOf = (name, enc) => cases.find((c) => c.name === name).keysFor(enc);
const header = (object) => Buffer.from(JSON.stringify(object)).toString("base64url");
const withHeader = (token, object) => [header(object), ...token.split(".").slice(1)].join(".");

// One token per family of key management, each with a content encryption.
const TAMPERED = [
  ["dir", "A128CBC-HS256"],
  ["A256KW", "A256GCM"],
  ["A128GCMKW", "A192CBC-HS384"],
  ["ECDH-ES P-256", "A128GCM"],
  ["ECDH-ES+A128KW P-521", "A256CBC-HS512"],
  ["ECDH-ES+A256KW X25519", "A192GCM"],
  ["RSA-OAEP-256", "A256GCM"],
  ["RSA-OAEP", "A128CBC-HS256"],
];

for (const [format, jwt] of [["ESM", esm], ["CommonJS", cjs]]) {
  const { Key, KeySet, decrypt, decryptJwt, encrypt, encryptJwt, verify, sign } = jwt;
  const expectCode = (call, code, message) => assert.throws(call, (e) => e instanceof jwt.JwtError && e.code === code && (message === undefined || message.test(e.message)), `expected ${code}`);

  describe(`${format}: altered tokens are decryption_failed, with one message`, () => {
    for (const [name, enc] of TAMPERED) {
      test(`${name} with ${enc}: ciphertext, tag, IV, encrypted key, protected header, truncated tag`, () => {
        const { privateJwk, publicJwk } = keysOf(name, enc);
        const alg = name.split(" ")[0];
        const token = encrypt("the secret content, long enough for two blocks", Key.fromJwk(publicJwk), { alg, enc, header: { kid: "k1" } });
        const key = Key.fromJwk(privateJwk);
        assert.equal(Buffer.from(decrypt(token, key).plaintext).toString(), "the secret content, long enough for two blocks");
        const altered = {
          ciphertext: changeSegment(token, 3, (b) => flipBit(b, 5)),
          "ciphertext's last block": changeSegment(token, 3, (b) => flipBit(b, -1)),
          tag: changeSegment(token, 4, (b) => flipBit(b, -1)),
          "truncated tag": changeSegment(token, 4, (b) => b.subarray(0, 8)),
          IV: changeSegment(token, 2, (b) => flipBit(b, 0)),
          // The header is the additional authenticated data: a member added (or a kid changed) breaks the tag.
          "protected header": withHeader(token, { ...JSON.parse(Buffer.from(token.split(".")[0], "base64url")), x: "y" }),
        };
        if (token.split(".")[1] !== "") altered["encrypted key"] = changeSegment(token, 1, (b) => flipBit(b, -1));
        const messages = new Set();
        for (const [what, changed] of Object.entries(altered)) {
          assert.notEqual(changed, token);
          assert.throws(() => decrypt(changed, key), (e) => e instanceof jwt.JwtError && e.code === "decryption_failed" && messages.add(e.message) !== undefined, what);
          assert.throws(() => decryptJwt(changed, key), { code: "decryption_failed" }, `${what}, decryptJwt`);
        }
        assert.equal(messages.size, 1, [...messages].join(" | "));
      });
    }
  });

  describe(`${format}: structural faults name themselves`, () => {
    const dirKey = secretJwk(16);
    const dirToken = encrypt("hi", Key.fromJwk(dirKey), { alg: "dir", enc: "A128GCM" });

    test("dir with a key of the wrong length is key_mismatch saying the length", () => {
      expectCode(() => decrypt(dirToken, Key.fromJwk(secretJwk(32))), "key_mismatch", /exactly 16 bytes; this key has 32/);
      expectCode(() => encrypt("hi", Key.fromJwk(secretJwk(24)), { alg: "dir", enc: "A256GCM" }), "key_mismatch", /exactly 32 bytes/);
    });

    test("a JWE passed to verify says it is encrypted; a JWS passed to decrypt says to verify it", async () => {
      expectCode(() => verify(dirToken, Key.fromJwk(dirKey)), "malformed", /encrypted JWE: decrypt it/);
      const full = await importPackage();
      assert.throws(() => full.verify(dirToken, "a secret of at least thirty-two bytes, for HS256"), { code: "malformed", message: /encrypted JWE: decrypt it/ });
      expectCode(() => decrypt(sign({ sub: "a" }, Key.hmac(randomBytes(32))), Key.fromJwk(dirKey)), "malformed", /signed JWS: use verify/);
    });

    test("an epk not on the key's curve, or on another curve, is refused before any decryption", () => {
      const { privateJwk, publicJwk } = keysOf("ECDH-ES P-256");
      const token = encrypt("hi", Key.fromJwk(publicJwk), { alg: "ECDH-ES", enc: "A128GCM" });
      const parsed = JSON.parse(Buffer.from(token.split(".")[0], "base64url"));
      const key = Key.fromJwk(privateJwk);
      expectCode(() => decrypt(withHeader(token, { ...parsed, epk: { ...parsed.epk, y: parsed.epk.x } }), key), "malformed", /"epk" is not a point on P-256/);
      const p384 = JSON.parse(Buffer.from(encrypt("hi", Key.fromJwk(keysOf("ECDH-ES P-384").publicJwk), { alg: "ECDH-ES" }).split(".")[0], "base64url"));
      expectCode(() => decrypt(withHeader(token, { ...parsed, epk: p384.epk }), key), "key_mismatch", /not on P-256/);
    });

    test("zip, RSA1_5, PBES2, none and an unknown crit are refused, each saying why", () => {
      const key = Key.fromJwk(dirKey);
      expectCode(() => decrypt(withHeader(dirToken, { alg: "dir", enc: "A128GCM", zip: "DEF" }), key), "unsupported_alg", /decompression bomb/);
      expectCode(() => decrypt(withHeader(dirToken, { alg: "RSA1_5", enc: "A128GCM" }), key), "unsupported_alg", /padding oracle \(Bleichenbacher\)/);
      expectCode(() => decrypt(withHeader(dirToken, { alg: "PBES2-HS256+A128KW", enc: "A128GCM", p2s: "AAAAAAAAAAA", p2c: 1e9 }), key), "unsupported_alg", /unbounded iteration count/);
      expectCode(() => decrypt(withHeader(dirToken, { alg: "none", enc: "A128GCM" }), key), "unsupported_alg");
      expectCode(() => decrypt(withHeader(dirToken, { alg: "dir", enc: "A128GCM", crit: ["x"], x: 1 }), key), "crit");
      expectCode(() => decrypt(`${dirToken}.x`, key), "malformed", /five segments/);
      expectCode(() => decrypt(Buffer.from('{"alg":"dir","enc":"A128GCM","enc":"A256GCM"}').toString("base64url") + dirToken.slice(dirToken.indexOf(".")), key), "malformed", /twice/);
    });

    test("encrypt refuses RSA1_5 and PBES2 too, and header members it sets itself", () => {
      const key = Key.fromJwk(secretJwk(16));
      expectCode(() => encrypt("hi", key, { alg: "RSA1_5" }), "invalid_option", /"alg".*padding oracle/);
      expectCode(() => encrypt("hi", key, { alg: "PBES2-HS256+A128KW" }), "invalid_option", /"alg"/);
      for (const member of ["alg", "enc", "zip", "epk", "crit"]) expectCode(() => encrypt("hi", key, { alg: "A128KW", header: { [member]: "x" } }), "invalid_option", new RegExp(`"${member}"`));
    });
  });

  describe(`${format}: keys`, () => {
    test("signing keys never decrypt and encryption keys never sign or verify", () => {
      const secret = secretJwk(32);
      const token = encrypt("hi", Key.fromJwk(secret), { alg: "A256KW" });
      expectCode(() => decrypt(token, Key.fromJwk({ ...secret, use: undefined, alg: "HS256" })), "key_mismatch", /signatures only/);
      expectCode(() => decrypt(token, Key.fromJwk({ ...secret, use: "sig" })), "key_mismatch", /"use" is "sig"/);
      expectCode(() => decrypt(token, Key.fromJwk({ ...secret, key_ops: ["encrypt"] })), "key_mismatch", /key_ops/);
      const bound = Key.fromJwk({ ...secret, alg: "A256KW" });
      expectCode(() => sign({ sub: "a" }, bound, { alg: "HS256" }), "key_mismatch", /encryption only/);
      expectCode(() => verify(sign({ sub: "a" }, Key.hmac(Buffer.from(secret.k, "base64url"))), bound), "key_mismatch", /encryption only/);
      expectCode(() => decrypt(token, Key.fromJwk({ ...secret, alg: "A256GCMKW" })), "key_mismatch", /A256GCMKW only/);
      expectCode(() => decrypt(token, Key.fromJwk(keysOf("RSA-OAEP").privateJwk)), "key_mismatch", /A256KW needs a shared secret/);
    });

    test("a key set picks the key by kid; without kid, several suitable keys need maxKeysTried", () => {
      const [a, b] = [{ ...secretJwk(32), kid: "a" }, { ...secretJwk(32), kid: "b" }];
      const set = KeySet.fromJwks({ keys: [a, b] });
      const token = encrypt("for b", Key.fromJwk(b), { alg: "A256KW" });
      assert.equal(decrypt(token, set).header.kid, "b");
      const kidless = encrypt("for b", Key.fromJwk({ ...b, kid: undefined }), { alg: "A256KW" });
      expectCode(() => decrypt(kidless, set), "key_not_found");
      assert.equal(Buffer.from(decrypt(kidless, set, { maxKeysTried: 2 }).plaintext).toString(), "for b");
      assert.equal(decryptJwt(encryptJwt({ sub: "s" }, Key.fromJwk(a), { alg: "A256KW" }), set).payload.sub, "s");
    });

    test("a JWKS of private encryption keys (EC, RSA, use enc) decrypts each one's tokens by kid; secrets are not mixed in", () => {
      expectCode(() => KeySet.fromJwks({ keys: [keysOf("A128KW").privateJwk, keysOf("RSA-OAEP").privateJwk] }), "invalid_key", /mixes secret/);
      const members = [
        ["ECDH-ES", keysOf("ECDH-ES P-256")],
        ["ECDH-ES+A192KW", keysOf("ECDH-ES+A192KW P-384")],
        ["RSA-OAEP", keysOf("RSA-OAEP")],
      ].map(([alg, { privateJwk, publicJwk }], i) => ({ alg, privateJwk: { ...privateJwk, kid: `k${i}` }, publicJwk: { ...publicJwk, kid: `k${i}` } }));
      const set = KeySet.fromJwks({ keys: members.map((m) => m.privateJwk) });
      for (const { alg, publicJwk } of members) {
        const token = encrypt(`for ${publicJwk.kid}`, Key.fromJwk(publicJwk), { alg });
        const { header, plaintext } = decrypt(token, set);
        assert.deepEqual([header.kid, header.alg, Buffer.from(plaintext).toString()], [publicJwk.kid, alg, `for ${publicJwk.kid}`]);
      }
    });

    test("keys of another copy, freed keys and other values are invalid_key, never a TypeError", async () => {
      const full = await importPackage();
      const token = encrypt("hi", Key.fromJwk(secretJwk(16)), { alg: "A128KW" });
      const foreign = full.Key.fromJwk(secretJwk(16));
      expectCode(() => decrypt(token, foreign), "invalid_key", /another copy of wasm-jwt/);
      expectCode(() => encrypt("hi", foreign, { alg: "A128KW" }), "invalid_key", /another copy/);
      const freed = Key.fromJwk(secretJwk(16));
      freed.free();
      expectCode(() => decrypt(token, freed), "invalid_key", /freed/);
      for (const value of ["a secret", new Uint8Array(16), undefined, {}, KeySet.fromJwks({ keys: [] })]) {
        expectCode(() => encrypt("hi", value, { alg: "A128KW" }), "invalid_key");
      }
      expectCode(() => decrypt(token, "a secret"), "invalid_key", /Key.fromJwk/);
      expectCode(() => encrypt(42, Key.fromJwk(secretJwk(16)), { alg: "A128KW" }), "malformed", /plaintext is a Uint8Array or a string/);
    });
  });

  describe(`${format}: options`, () => {
    const secret = secretJwk(32);
    const key = Key.fromJwk(secret);
    const token = encrypt("hi", key, { alg: "A256KW", enc: "A256GCM" });
    const jwtToken = encryptJwt({ sub: "s", iss: "good" }, key, { alg: "A256KW", enc: "A256GCM" });

    test("algorithms and encryptionAlgorithms limit what decrypts (alg_not_allowed), as a name or a list", () => {
      expectCode(() => decrypt(token, key, { algorithms: ["A128KW"] }), "alg_not_allowed", /alg A256KW/);
      expectCode(() => decrypt(token, key, { encryptionAlgorithms: "A128GCM" }), "alg_not_allowed", /enc A256GCM/);
      assert.equal(decrypt(token, key, { algorithms: "A256KW", encryptionAlgorithms: ["A128GCM", "A256GCM"] }).header.enc, "A256GCM");
      expectCode(() => decryptJwt(jwtToken, key, { algorithms: ["dir"] }), "alg_not_allowed");
    });

    test("bad names and types are invalid_option naming the option", () => {
      expectCode(() => decrypt(token, key, { algorithms: ["RSA1_5"] }), "invalid_option", /"algorithms".*padding oracle/);
      expectCode(() => decrypt(token, key, { algorithms: ["HS256"] }), "invalid_option", /"algorithms"/);
      expectCode(() => decrypt(token, key, { encryptionAlgorithms: ["A512GCM"] }), "invalid_option", /"encryptionAlgorithms"/);
      expectCode(() => decrypt(token, key, { algorithms: [] }), "invalid_option", /empty/);
      expectCode(() => decrypt(token, key, { algorithms: 5 }), "invalid_option", /"algorithms" must be a string or an array of strings, not a number/);
      expectCode(() => decrypt(token, key, { maxKeysTried: 17 }), "invalid_option", /maxKeysTried/);
      expectCode(() => decryptJwt(jwtToken, key, { verifyAlgorithms: ["dir"] }), "invalid_option", /"verifyAlgorithms"/);
      expectCode(() => decryptJwt(jwtToken, key, { verifyKey: "secret" }), "invalid_option", /"verifyKey" must be a Key or a KeySet/);
      expectCode(() => decryptJwt(jwtToken, key, { leeway: Number.NaN }), "invalid_option", /leeway/);
      expectCode(() => encrypt("hi", key, { alg: 1 }), "invalid_option", /"alg" must be a string/);
      expectCode(() => encrypt("hi", key, { enc: "A512GCM" }), "invalid_option", /"enc"/);
      expectCode(() => encrypt("hi", key, { header: [] }), "invalid_option", /header/);
      expectCode(() => encrypt("hi", key, { header: { n: Number.POSITIVE_INFINITY } }), "invalid_option", /header\.n/);
    });

    test("unknown names, own or inherited, are refused; decrypt's options are not decryptJwt's", () => {
      expectCode(() => decrypt(token, key, { algorithm: ["A256KW"] }), "invalid_option", /"algorithm" is not a decrypt option/);
      expectCode(() => decrypt(token, key, Object.create({ encryptionAlgoritms: ["A256GCM"] })), "invalid_option", /encryptionAlgoritms/);
      expectCode(() => decrypt(token, key, { issuer: "good" }), "invalid_option", /"issuer" is not a decrypt option/);
      expectCode(() => decryptJwt(jwtToken, key, { audiance: "x" }), "invalid_option", /"audiance" is not a decryptJwt option/);
      expectCode(() => encrypt("hi", key, { kid: "x" }), "invalid_option", /"kid" is not a JWE encrypt option/);
    });

    test("options given by getters, prototypes and classes are read by property access", () => {
      class Limits {
        get algorithms() {
          return ["A128KW"];
        }
        toJSON() {
          throw new Error("the options object must never be JSON.stringify'd");
        }
      }
      expectCode(() => decrypt(token, key, new Limits()), "alg_not_allowed");
      expectCode(() => decrypt(token, key, Object.create({ encryptionAlgorithms: ["A128GCM"] })), "alg_not_allowed");
      expectCode(() => decryptJwt(jwtToken, key, { get issuer() { return "other"; } }), "issuer");
      assert.equal(decryptJwt(jwtToken, key, Object.create({ issuer: "good" })).payload.iss, "good");
      const viaGetter = encrypt("hi", key, { get alg() { return "A256KW"; }, get header() { return { kid: "g" }; } });
      assert.equal(decrypt(viaGetter, key).header.kid, "g");
    });

    test("a polluted Object.prototype is never read as options", () => {
      const polluted = { algorithms: ["dir"], alg: "dir", maxTokenLength: 5, issuer: "evil" };
      Object.assign(Object.prototype, polluted);
      try {
        // Options first read (and their JSON text first parsed) while Object.prototype is polluted.
        for (const options of [{}, undefined, { maxKeysTried: 3 }]) {
          assert.equal(decrypt(token, key, options).header.alg, "A256KW");
          assert.equal(decryptJwt(jwtToken, key, options).payload.iss, "good");
        }
        const bound = Key.fromJwk({ ...secret, alg: "A256KW" });
        assert.equal(decrypt(encrypt("hi", bound, { header: { typ: "polluted" } }), key).header.alg, "A256KW");
        const hmac = randomBytes(32);
        assert.equal(verify(sign({ sub: "a" }, Key.hmac(hmac)), Key.hmac(hmac), { leeway: 3 }).payload.sub, "a");
      } finally {
        for (const name of Object.keys(polluted)) delete Object.prototype[name];
      }
    });

    test("options whose getter throws, and Proxies whose traps throw, are invalid_option", () => {
      const hostile = new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } });
      expectCode(() => decrypt(token, key, { get algorithms() { throw new Error("boom"); } }), "invalid_option", /could not be read/);
      expectCode(() => decrypt(token, key, hostile), "invalid_option");
      expectCode(() => decryptJwt(jwtToken, key, hostile), "invalid_option");
      expectCode(() => decryptJwt(jwtToken, key, { verifyKey: hostile }), "invalid_option");
      expectCode(() => encrypt("hi", key, hostile), "invalid_option");
      expectCode(() => decrypt(token, hostile), "invalid_key");
      for (const options of [[], "A256KW", 5]) expectCode(() => decrypt(token, key, options), "invalid_option", /options are an object/);
    });

    test("a token over maxTokenLength is too_large before it enters wasm", () => {
      const memory = jwt.memoryBytes();
      expectCode(() => decrypt(token, key, { maxTokenLength: 20 }), "too_large");
      expectCode(() => decrypt("é".repeat(70_000), key), "too_large");
      expectCode(() => decryptJwt(`${token}${"A".repeat(70_000)}`, key), "too_large");
      assert.equal(jwt.memoryBytes(), memory);
    });
  });
}

describe("wasm-jwt's hostile-input cases (node-hostile.test.mjs) with wasm-jwt/jwe's verify, sign and keys", () => {
  for (const { name, failure } of runHostileCases(esm)) {
    test(name, () => assert.equal(failure, undefined));
  }
});

describe("plaintext leaves no copy in wasm memory", () => {
  test("after encrypt and decrypt, for a GCM and a CBC content and three key managements", async () => {
    const glue = await import(pathToFileURL(path.join(PKG_DIR, "dist", "jwe", "wasm_jwt.js")).href);
    const memory = () => Buffer.from(glue.initSync().memory.buffer);
    for (const [name, enc] of [["dir", "A128GCM"], ["A256KW", "A256CBC-HS512"], ["RSA-OAEP-256", "A256GCM"]]) {
      const { privateJwk, publicJwk } = keysOf(name, enc);
      if (name === "dir") {
        const live = esm.Key.fromJwk(privateJwk);
        assert.ok(memory().includes(Buffer.from(privateJwk.k, "base64url")), "the control: a live key's secret is found");
        live.free();
      }
      const plaintext = `plaintext-${randomBytes(24).toString("hex")}`;
      const token = esm.encrypt(plaintext, esm.Key.fromJwk(publicJwk), { alg: name, enc });
      assert.ok(!memory().includes(Buffer.from(plaintext)), `${name} ${enc}: a copy is left after encrypt`);
      assert.equal(Buffer.from(esm.decrypt(token, esm.Key.fromJwk(privateJwk)).plaintext).toString(), plaintext);
      assert.ok(!memory().includes(Buffer.from(plaintext)), `${name} ${enc}: a copy is left after decrypt`);
    }
  });
});
