// The JavaScript API contract (issue 2): keys and secrets, key sets, JwtError fields,
// verify and sign options, each with a passing and a failing case. The Rust tests cover
// the parsing rules in depth; these prove the wrapper passes everything through intact.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { jwtVerify } from "jose";
import { importPackage } from "./helpers/package.mjs";
import { flipSignatureBit, hs256Token, secretOf, segment, signWithJose } from "./helpers/tokens.mjs";

const { JwtError, Key, KeySet, decode, sign, verify } = await importPackage("wasm-jwt/sign");

const SECRET = secretOf(32);
const OTHER_SECRET = secretOf(33);
const T = 1_700_000_000; // a fixed "now" for the claim checks
const utf8 = (text) => new TextEncoder().encode(text);
const b64url = (text) => Buffer.from(text).toString("base64url");

/** Asserts that `call` throws a JwtError with these fields (and nothing else set). */
function throwsJwt(call, expected) {
  assert.throws(call, (error) => {
    assert.ok(error instanceof JwtError, `expected a JwtError, got ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, "JwtError");
    for (const field of ["code", "part", "offset", "claim"]) {
      assert.equal(error[field], expected[field], `${field} of "${error.message}"`);
    }
    assert.ok(error.message.length > 10, "the message says what is wrong");
    return true;
  });
}

/** A token signed here at time T (iat), with extra sign options. */
function tokenAt(payload = {}, options = {}, key = SECRET) {
  return sign(payload, key, { issuedAt: T, ...options });
}

describe("secrets", () => {
  test("a string secret is its UTF-8 bytes, as a Uint8Array or a Key of either", async () => {
    const secret = "ключ-🔑-".repeat(5); // 35 characters, 70 UTF-8 bytes
    const token = sign({ sub: "x" }, secret, { alg: "HS512" });
    for (const key of [secret, utf8(secret), Buffer.from(secret), Key.hmac(secret), Key.hmac(utf8(secret))]) {
      assert.equal(verify(token, key).payload.sub, "x");
    }
    assert.equal((await jwtVerify(token, utf8(secret))).payload.sub, "x");
    assert.equal(verify(await signWithJose({ sub: "y" }, utf8(secret), { alg: "HS512" }), secret).payload.sub, "y");
  });

  test("a wrong secret of either kind gives bad_signature", () => {
    const token = tokenAt();
    throwsJwt(() => verify(token, OTHER_SECRET, { now: T }), { code: "bad_signature", part: "signature" });
    throwsJwt(() => verify(token, utf8(OTHER_SECRET), { now: T }), { code: "bad_signature", part: "signature" });
  });

  test("more string secrets than the key cache holds all keep working", () => {
    const secrets = Array.from({ length: 40 }, (_, i) => secretOf(32 + i));
    const tokens = secrets.map((secret) => tokenAt({ n: secret.length }, {}, secret));
    for (let round = 0; round < 2; round++) {
      secrets.forEach((secret, i) => assert.equal(verify(tokens[i], secret, { now: T }).payload.n, secret.length));
      throwsJwt(() => verify(tokens[0], secrets[1], { now: T }), { code: "bad_signature", part: "signature" });
    }
  });

  test("a secret shorter than the hash is weak_key for sign and verify; empty always", () => {
    const token = tokenAt();
    throwsJwt(() => verify(token, SECRET.slice(0, 31)), { code: "weak_key", part: "signature" });
    throwsJwt(() => sign({}, SECRET.slice(0, 31)), { code: "weak_key" });
    throwsJwt(() => sign({}, SECRET, { alg: "HS384" }), { code: "weak_key" });
    throwsJwt(() => Key.hmac(""), { code: "weak_key" });
    throwsJwt(() => verify(token, new Uint8Array(0)), { code: "weak_key" });
  });

  test("a PEM block or a JWK as a secret is invalid_key, never an HMAC secret", () => {
    const pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n";
    const jwk = JSON.stringify({ kty: "oct", k: b64url(SECRET) });
    for (const secret of [pem, jwk, utf8(pem)]) {
      const token = sign({}, Key.hmac(SECRET));
      throwsJwt(() => verify(token, secret), { code: "invalid_key" });
      throwsJwt(() => sign({}, secret), { code: "invalid_key" });
      throwsJwt(() => Key.hmac(secret), { code: "invalid_key" });
    }
  });

  test("a key of the wrong type is invalid_key, and the message never shows a secret", () => {
    const token = tokenAt();
    for (const key of [undefined, null, 42, {}, [SECRET], new Uint16Array(32), () => SECRET]) {
      throwsJwt(() => verify(token, key), { code: "invalid_key" });
      throwsJwt(() => sign({}, key), { code: "invalid_key" });
    }
    throwsJwt(() => sign({}, KeySet.fromJwks({ keys: [] })), { code: "invalid_key" });
    throwsJwt(() => Key.hmac(42), { code: "invalid_key" });
    for (const call of [() => verify(token, SECRET.slice(0, 20)), () => verify(token, OTHER_SECRET), () => Key.hmac(`-----BEGIN ${SECRET}`)]) {
      assert.throws(call, (error) => !error.message.includes(SECRET.slice(0, 20)));
    }
  });
});

describe("Key", () => {
  const jwk = { kty: "oct", kid: "k1", alg: "HS384", k: b64url(secretOf(48)) };

  test("Key.fromJwk takes an object or JSON text and exposes kid and alg", () => {
    for (const key of [Key.fromJwk(jwk), Key.fromJwk(JSON.stringify(jwk))]) {
      assert.equal(key.kid, "k1");
      assert.equal(key.alg, "HS384");
      const token = sign({ sub: "s" }, key);
      assert.deepEqual(decode(token).header, { alg: "HS384", kid: "k1", typ: "JWT" }, "sign uses the key's alg and kid");
      assert.equal(verify(token, secretOf(48)).payload.sub, "s");
    }
    const plain = Key.hmac(SECRET);
    assert.equal(plain.kid, undefined);
    assert.equal(plain.alg, undefined);
  });

  test("the JWK alg binds the key", () => {
    const key = Key.fromJwk(jwk);
    throwsJwt(() => verify(sign({}, secretOf(64), { alg: "HS512" }), key), { code: "key_mismatch" });
    throwsJwt(() => sign({}, key, { alg: "HS512" }), { code: "key_mismatch" });
  });

  test("use and key_ops are honoured", () => {
    const k = b64url(SECRET);
    const token = tokenAt();
    throwsJwt(() => verify(token, Key.fromJwk({ kty: "oct", k, use: "enc" }), { now: T }), { code: "key_mismatch" });
    assert.ok(verify(token, Key.fromJwk({ kty: "oct", k, use: "sig" }), { now: T }));
    const signOnly = Key.fromJwk({ kty: "oct", k, key_ops: ["sign"] });
    const verifyOnly = Key.fromJwk({ kty: "oct", k, key_ops: ["verify"] });
    assert.ok(verify(sign({}, signOnly), verifyOnly));
    throwsJwt(() => verify(token, signOnly, { now: T }), { code: "key_mismatch" });
    throwsJwt(() => sign({}, verifyOnly), { code: "key_mismatch" });
  });

  test("a bad JWK is invalid_key", () => {
    for (const bad of [{ k: b64url(SECRET) }, { kty: "oct", k: "not base64url!" }, { kty: "oct" }, "{not json", 42, null, [jwk]]) {
      throwsJwt(() => Key.fromJwk(bad), { code: "invalid_key" });
    }
  });

  test("free() releases the key; using it after is invalid_key; freeing twice is harmless", () => {
    const key = Key.hmac(SECRET);
    const token = sign({}, key);
    key.free();
    key.free();
    throwsJwt(() => verify(token, key), { code: "invalid_key" });
    throwsJwt(() => sign({}, key), { code: "invalid_key" });
    throwsJwt(() => key.kid, { code: "invalid_key" });
  });

  test("Key and KeySet have no public constructor", () => {
    throwsJwt(() => new Key(), { code: "invalid_key" });
    throwsJwt(() => new KeySet(), { code: "invalid_key" });
  });
});

describe("KeySet", () => {
  const jwks = {
    keys: [
      { kty: "oct", kid: "k1", k: b64url(SECRET) },
      { kty: "oct", kid: "k2", k: b64url(OTHER_SECRET) },
    ],
  };

  test("verify selects the key by kid, from an object or JSON text", () => {
    for (const set of [KeySet.fromJwks(jwks), KeySet.fromJwks(JSON.stringify(jwks))]) {
      assert.equal(verify(tokenAt({ n: 1 }, { header: { kid: "k1" } }, SECRET), set, { now: T }).payload.n, 1);
      assert.equal(verify(tokenAt({ n: 2 }, { header: { kid: "k2" } }, OTHER_SECRET), set, { now: T }).payload.n, 2);
    }
  });

  test("a kid not in the set is key_not_found; a kid is never matched to another key", () => {
    const set = KeySet.fromJwks(jwks);
    throwsJwt(() => verify(tokenAt({}, { header: { kid: "k3" } }), set, { now: T }), { code: "key_not_found" });
    throwsJwt(() => verify(tokenAt({}, { header: { kid: "K1" } }), set, { now: T }), { code: "key_not_found" });
    // Signed with k2's secret but naming k1: only k1 is tried.
    throwsJwt(() => verify(tokenAt({}, { header: { kid: "k1" } }, OTHER_SECRET), set, { now: T }), { code: "bad_signature", part: "signature" });
  });

  test("a token without kid is key_not_found when several keys suit its alg, unless maxKeysTried allows them", () => {
    const set = KeySet.fromJwks(jwks);
    throwsJwt(() => verify(tokenAt({ n: 3 }, {}, OTHER_SECRET), set, { now: T }), { code: "key_not_found" });
    assert.equal(verify(tokenAt({ n: 3 }, {}, OTHER_SECRET), set, { now: T, maxKeysTried: 2 }).payload.n, 3);
    throwsJwt(() => verify(tokenAt({}, {}, secretOf(34)), set, { now: T, maxKeysTried: 2 }), { code: "bad_signature", part: "signature" });
    const one = KeySet.fromJwks({ keys: [jwks.keys[1]] });
    assert.equal(verify(tokenAt({ n: 4 }, {}, OTHER_SECRET), one, { now: T }).payload.n, 4);
  });

  test("a bad JWKS is invalid_key; a freed set is invalid_key", () => {
    const duplicate = { keys: [jwks.keys[0], { ...jwks.keys[1], kid: "k1" }] };
    for (const bad of [duplicate, { keys: {} }, {}, "[]", 7, null]) {
      throwsJwt(() => KeySet.fromJwks(bad), { code: "invalid_key" });
    }
    const set = KeySet.fromJwks(jwks);
    set.free();
    throwsJwt(() => verify(tokenAt({}, { header: { kid: "k1" } }), set, { now: T }), { code: "invalid_key" });
  });
});

describe("JwtError", () => {
  test("a malformed token names the part and the byte offset", () => {
    const token = tokenAt();
    const payloadStart = token.indexOf(".") + 1;
    const bad = `${token.slice(0, payloadStart + 2)}!${token.slice(payloadStart + 3)}`;
    throwsJwt(() => decode(bad), { code: "malformed", part: "payload", offset: payloadStart + 2 });
    throwsJwt(() => verify(bad, SECRET), { code: "malformed", part: "payload", offset: payloadStart + 2 });
    throwsJwt(() => decode(`=${token.slice(1)}`), { code: "malformed", part: "header", offset: 0 });
    throwsJwt(() => decode("abc.def"), { code: "malformed", part: "token", offset: 7 });
    throwsJwt(() => decode(` ${token}`), { code: "malformed", part: "header", offset: 0 });
  });

  test("a character outside ASCII is located at its UTF-8 byte offset, in short and long strings alike", () => {
    // The glue copies strings of 64 characters or more with TextEncoder.encodeInto, shorter
    // ones itself (scripts/build.mjs): both ways give the same bytes.
    const token = tokenAt({ sub: "x".repeat(80) });
    const at = (index, character) => `${token.slice(0, index)}${character}${token.slice(index + 1)}`;
    const payloadStart = token.indexOf(".") + 1;
    for (const character of ["é", "\u{1F510}", "\uD800", "\u0080"]) {
      for (const index of [0, 10, payloadStart + 70]) {
        const expected = { code: "malformed", part: index < payloadStart ? "header" : "payload", offset: index };
        throwsJwt(() => decode(at(index, character)), expected);
        throwsJwt(() => verify(at(index, character), SECRET), expected);
      }
    }
    const short = `${segment({ alg: "HS256" })}.${segment({})}.`;
    assert.ok(short.length < 64);
    throwsJwt(() => decode(`${short.slice(0, 5)}é${short.slice(6)}`), { code: "malformed", part: "header", offset: 5 });
  });

  test("a token that is not a string is malformed, not a TypeError", () => {
    for (const token of [undefined, null, 42, {}, utf8("a.b.c")]) {
      throwsJwt(() => decode(token), { code: "malformed", part: "token" });
      throwsJwt(() => verify(token, SECRET), { code: "malformed", part: "token" });
    }
  });

  test("an expired token names the claim", () => {
    throwsJwt(() => verify(tokenAt({}, { expiresIn: 60 }), SECRET, { now: T + 60 }), { code: "expired", part: "payload", claim: "exp" });
  });

  test("a claim of the wrong type is malformed_claim, naming it", () => {
    const token = hs256Token({ alg: "HS256" }, { nbf: "tomorrow" }, SECRET);
    assert.equal(decode(token).payload.nbf, "tomorrow", "decode does not judge claims");
    throwsJwt(() => verify(token, SECRET), { code: "malformed_claim", part: "payload", claim: "nbf" });
  });

  test("JwtError can be constructed and checked by applications", () => {
    const error = new JwtError("audience", "wrong audience", { part: "payload", claim: "aud" });
    assert.ok(error instanceof Error);
    assert.deepEqual({ ...error }, { name: "JwtError", code: "audience", part: "payload", claim: "aud" });
    assert.equal(String(error), "JwtError: wrong audience");
  });
});

describe("algorithms and signatures", () => {
  test("alg none is refused in any case, with or without a signature", () => {
    for (const alg of ["none", "None", "NONE"]) {
      const unsigned = `${segment({ alg, typ: "JWT" })}.${segment({ sub: "admin" })}.`;
      throwsJwt(() => verify(unsigned, SECRET), { code: "unsupported_alg", part: "header" });
      throwsJwt(() => verify(`${unsigned}${tokenAt().split(".")[2]}`, SECRET), { code: "unsupported_alg", part: "header" });
    }
    assert.equal(decode(`${segment({ alg: "none" })}.${segment({})}.`).header.alg, "none", "decode shows it; only verify refuses");
  });

  test("one flipped signature bit is bad_signature", () => {
    const token = tokenAt();
    assert.ok(verify(token, SECRET, { now: T }));
    throwsJwt(() => verify(flipSignatureBit(token), SECRET, { now: T }), { code: "bad_signature", part: "signature" });
  });
});

describe("verify options", () => {
  /** Each option: a token, options it passes with, and options it fails with (and the error). */
  const cases = {
    algorithms: [tokenAt({}, { alg: "HS512" }, secretOf(64)), { algorithms: ["HS256", "HS512"] }, { algorithms: ["HS256"] }, { code: "alg_not_allowed", part: "header" }],
    issuer: [tokenAt({ iss: "https://id.example" }), { issuer: ["https://a.example", "https://id.example"] }, { issuer: "https://a.example" }, { code: "issuer", part: "payload", claim: "iss" }],
    "issuer (missing)": [tokenAt({ iss: "i" }), { issuer: "i" }, { issuer: "i", now: T, _token: tokenAt() }, { code: "missing_claim", part: "payload", claim: "iss" }],
    audience: [tokenAt({ aud: ["api", "web"] }), { audience: "web" }, { audience: ["mobile"] }, { code: "audience", part: "payload", claim: "aud" }],
    "audience (unconfigured)": [tokenAt({ aud: "api" }), { audience: "api" }, {}, { code: "audience", part: "payload", claim: "aud" }],
    subject: [tokenAt({ sub: "ada" }), { subject: "ada" }, { subject: "bob" }, { code: "subject", part: "payload", claim: "sub" }],
    typ: [tokenAt({}, { header: { typ: "at+jwt" } }), { typ: "application/at+JWT" }, { typ: "JWT" }, { code: "typ", part: "header" }],
    leeway: [tokenAt({}, { expiresIn: 60 }), { leeway: 30, now: T + 80 }, { leeway: 10, now: T + 80 }, { code: "expired", part: "payload", claim: "exp" }],
    "leeway (nbf)": [tokenAt({}, { notBefore: 60 }), { leeway: 30, now: T + 40 }, { leeway: 10, now: T + 40 }, { code: "not_yet_valid", part: "payload", claim: "nbf" }],
    now: [tokenAt({}, { expiresIn: 60 }), { now: T + 59 }, { now: T + 61 }, { code: "expired", part: "payload", claim: "exp" }],
    maxAge: [tokenAt(), { maxAge: 300, now: T + 200 }, { maxAge: 100, now: T + 200 }, { code: "too_old", part: "payload", claim: "iat" }],
    "maxAge (no iat)": [tokenAt(), { maxAge: 300 }, { maxAge: 300, _token: sign({}, SECRET, { issuedAt: false }) }, { code: "missing_claim", part: "payload", claim: "iat" }],
    required: [tokenAt({ jti: "j1" }), { required: ["jti", "iat"] }, { required: ["jti", "nonce"] }, { code: "missing_claim", part: "payload", claim: "nonce" }],
    maxTokenLength: [tokenAt(), { maxTokenLength: tokenAt().length }, { maxTokenLength: tokenAt().length - 1 }, { code: "too_large", part: "token" }],
  };

  for (const [name, [token, passing, { _token, ...failing }, error]] of Object.entries(cases)) {
    test(`${name}: passes and fails`, () => {
      assert.ok(verify(token, keyFor(token), { now: T, ...passing }));
      throwsJwt(() => verify(_token ?? token, keyFor(_token ?? token), { now: T, ...failing }), error);
    });
  }

  test("the clock is used when no now is given", () => {
    const fresh = sign({}, SECRET, { expiresIn: 60 });
    assert.ok(verify(fresh, SECRET));
    throwsJwt(() => verify(tokenAt({}, { expiresIn: 60 }), SECRET), { code: "expired", part: "payload", claim: "exp" });
  });

  test("an unknown option name or a wrong option type is invalid_option", () => {
    const token = tokenAt();
    for (const options of [{ audiance: "api" }, { leeway: "5" }, { leeway: -1 }, { algorithms: [] }, { algorithms: ["XX256"] }, { required: [1] }, { maxAge: "1h" }, { now: 10n }, "issuer", [1]]) {
      throwsJwt(() => verify(token, SECRET, options), { code: "invalid_option" });
    }
  });

  test("one options object serves many calls", () => {
    const options = { audience: "api", now: T };
    for (let i = 0; i < 3; i++) {
      assert.ok(verify(tokenAt({ aud: "api" }), SECRET, options));
      throwsJwt(() => verify(tokenAt({ aud: "web" }), SECRET, options), { code: "audience", part: "payload", claim: "aud" });
    }
  });

  test("an options object changed after its first use is read again: every change takes effect", () => {
    const options = { now: T };
    const web = tokenAt({ aud: "web", iss: "me" });
    assert.ok(verify(tokenAt({ iss: "me" }), SECRET, options));
    options.issuer = "you"; // a check added to an object already used
    throwsJwt(() => verify(tokenAt({ iss: "me" }), SECRET, options), { code: "issuer", part: "payload", claim: "iss" });
    delete options.issuer;
    options.audience = "api";
    throwsJwt(() => verify(web, SECRET, options), { code: "audience", part: "payload", claim: "aud" });
    options.audience = ["api", "web"];
    assert.ok(verify(web, SECRET, options));
    options.audience.pop(); // a change inside an array
    throwsJwt(() => verify(web, SECRET, options), { code: "audience", part: "payload", claim: "aud" });
    options.audience[0] = "web";
    assert.ok(verify(web, SECRET, options));
    options.algorithms = ["HS512"];
    throwsJwt(() => verify(web, SECRET, options), { code: "alg_not_allowed", part: "header" });
    delete options.algorithms;
    assert.ok(verify(web, SECRET, options));
    options.audiance = "typo"; // refused as at a first use
    throwsJwt(() => verify(web, SECRET, options), { code: "invalid_option" });
    delete options.audiance;
    // Options held by a getter (on a class, not enumerable) are read again too.
    class Checks {
      issuer = undefined;
      constructor(now) {
        this.now = now;
      }
      get audience() {
        return this.issuer === "me" ? "web" : "api";
      }
    }
    const checks = new Checks(T);
    throwsJwt(() => verify(web, SECRET, checks), { code: "audience", part: "payload", claim: "aud" });
    checks.issuer = "me";
    assert.ok(verify(web, SECRET, checks));
    // An option inherited from a prototype the object was made from counts, and is compared too.
    const base = { issuer: "me" };
    const inherited = Object.assign(Object.create(base), { now: T });
    assert.ok(verify(tokenAt({ iss: "me" }), SECRET, inherited));
    base.issuer = "you";
    throwsJwt(() => verify(tokenAt({ iss: "me" }), SECRET, inherited), { code: "issuer", part: "payload", claim: "iss" });
  });

  test("what a polluted Object.prototype holds is never walked when options are compared", () => {
    const cyclic = {};
    cyclic.self = cyclic;
    Object.prototype.polluted = cyclic; // enumerable, inherited by every options object
    try {
      const options = { now: T, issuer: "me", algorithms: ["HS256"] };
      for (let i = 0; i < 2; i++) assert.ok(verify(tokenAt({ iss: "me" }), SECRET, options));
      options.issuer = "you";
      throwsJwt(() => verify(tokenAt({ iss: "me" }), SECRET, options), { code: "issuer", part: "payload", claim: "iss" });
    } finally {
      delete Object.prototype.polluted;
    }
  });
});

/** The secret the token was signed with: HS512 cases use a 64-byte secret. */
function keyFor(token) {
  return decode(token).header.alg === "HS512" ? secretOf(64) : SECRET;
}

describe("sign options and payloads", () => {
  test("iat is the clock by default, a given time, or left out", () => {
    const before = Math.floor(Date.now() / 1000);
    const { iat } = decode(sign({}, SECRET)).payload;
    assert.ok(iat >= before && iat <= before + 5, `iat ${iat} is now`);
    assert.equal(decode(sign({}, SECRET, { issuedAt: T })).payload.iat, T);
    assert.equal("iat" in decode(sign({}, SECRET, { issuedAt: false })).payload, false);
    assert.equal(decode(sign({ iat: 5 }, SECRET)).payload.iat, 5, "the payload's own iat is kept");
  });

  test("expiresIn and notBefore count from iat", () => {
    assert.deepEqual(decode(tokenAt({ sub: "s" }, { expiresIn: 3600, notBefore: 10 })).payload, { iat: T, exp: T + 3600, nbf: T + 10, sub: "s" });
    throwsJwt(() => sign({ exp: T }, SECRET, { expiresIn: 60 }), { code: "invalid_option" });
  });

  test("header members: kid and typ are set, alg comes from the alg option", () => {
    assert.deepEqual(decode(sign({}, SECRET, { header: { kid: "k9" } })).header, { alg: "HS256", kid: "k9", typ: "JWT" });
    assert.equal(decode(sign({}, SECRET, { header: { typ: "at+jwt" } })).header.typ, "at+jwt");
    assert.equal(decode(sign({}, secretOf(48), { alg: "HS384" })).header.alg, "HS384");
    throwsJwt(() => sign({}, SECRET, { header: { alg: "HS512" } }), { code: "invalid_option" });
    throwsJwt(() => sign({}, SECRET, { algo: "HS256" }), { code: "invalid_option" });
    throwsJwt(() => sign({}, SECRET, { alg: "none" }), { code: "invalid_option" });
  });

  test("one options object signs with keys of other kids and algorithms, each with its own header", () => {
    const options = { header: { cty: "x" } };
    const keys = ["k1", "k2", undefined].map((kid) => Key.fromJwk({ kty: "oct", k: Buffer.from(secretOf(64)).toString("base64url"), ...(kid && { kid }) }));
    for (let round = 0; round < 2; round++) {
      for (const [i, kid] of ["k1", "k2", undefined].entries()) {
        for (const alg of ["HS256", "HS512"]) {
          const header = decode(sign({}, keys[i], { ...options, alg })).header;
          assert.deepEqual(header, { alg, cty: "x", typ: "JWT", ...(kid && { kid }) });
          assert.deepEqual(decode(sign({}, keys[i], options)).header, { alg: "HS256", cty: "x", typ: "JWT", ...(kid && { kid }) });
        }
      }
    }
  });

  test("sign options changed after their first use are read again, nested members too", () => {
    const options = { header: { kid: "k1" } };
    assert.equal(decode(sign({}, SECRET, options)).header.kid, "k1");
    options.header.kid = "k2";
    assert.equal(decode(sign({}, SECRET, options)).header.kid, "k2");
    options.expiresIn = 60;
    const { iat, exp } = decode(sign({}, SECRET, options)).payload;
    assert.equal(exp, iat + 60);
  });

  test("a payload that is not a JSON object is malformed (payload), never a TypeError", () => {
    const circular = {};
    circular.self = circular;
    for (const payload of [undefined, null, "text", 42, [1, 2], () => 1, Symbol("s"), 10n, circular, new Date(0)]) {
      throwsJwt(() => sign(payload, SECRET), { code: "malformed", part: "payload" });
    }
  });

  test("registered claims of the wrong type are malformed_claim", () => {
    throwsJwt(() => sign({ exp: "soon" }, SECRET), { code: "malformed_claim", part: "payload", claim: "exp" });
    throwsJwt(() => sign({ aud: [1] }, SECRET), { code: "malformed_claim", part: "payload", claim: "aud" });
  });

  test("the payload keeps its member order and values exactly", () => {
    const payload = { z: 1, a: "é\u2028\"\\", n: null, f: 0.1, big: 1e21, arr: [true, {}] };
    assert.deepEqual(Object.entries(decode(sign(payload, SECRET, { issuedAt: false })).payload), Object.entries(payload));
  });

  test("a payload's text outside ASCII arrives intact, before and after its 64th character", () => {
    for (const text of ["é\u{1F510}\u2028", `${"a".repeat(70)}é\u{1F510}`, `${"é".repeat(70)}`]) {
      for (const payload of [{ text }, { text, more: "m".repeat(100) }]) {
        assert.deepEqual(verify(sign(payload, SECRET, { issuedAt: false }), SECRET).payload, payload);
      }
    }
  });
});

describe("decode", () => {
  test("JSON nested too deep is too_deep, located at the byte that goes too deep", () => {
    const header = segment({ alg: "HS256" });
    const json = `{"a":${"[".repeat(40)}${"]".repeat(40)}}`;
    // Level 1 is the object, so the 32nd "[" (byte 5 + 31) is the 33rd level.
    const offset = header.length + 1 + Math.floor(((5 + 31) * 4) / 3);
    throwsJwt(() => decode(`${header}.${segment(json)}.`), { code: "too_deep", part: "payload", offset });
  });

  test("a token over the default 64 KiB is too_large before any decoding", () => {
    const huge = `${segment({ alg: "HS256" })}.${segment({ pad: "x".repeat(50_000) })}.`;
    throwsJwt(() => decode(huge), { code: "too_large", part: "token" });
    throwsJwt(() => verify(huge, SECRET), { code: "too_large", part: "token" });
    assert.equal(decode(`${segment({ alg: "HS256" })}.${segment({ pad: "x".repeat(40_000) })}.`).payload.pad.length, 40_000);
  });
});
