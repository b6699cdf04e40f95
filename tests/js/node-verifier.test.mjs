// createVerifier(key, options): options read once, the same outcomes as verify, and the
// opt-in cache of verified tokens, whose time claims are checked again on every hit.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";

import { importPackage } from "./helpers/package.mjs";
import { flipSignatureBit } from "./helpers/tokens.mjs";

// The verifiers are wasm-jwt's (the verify build); the tokens are signed by wasm-jwt/sign.
const { Key, createVerifier, verify } = await importPackage();
const { sign } = await importPackage("wasm-jwt/sign");
const SECRET = "a secret of at least thirty-two bytes, for HS256";
const T = 1_800_000_000;

// The wrapper's clock is Date.now(); the cache tests move it.
const realDateNow = Date.now;
let fakeSeconds;
Date.now = () => (fakeSeconds === undefined ? realDateNow() : fakeSeconds * 1000);
after(() => {
  Date.now = realDateNow;
});

function at(seconds, call) {
  fakeSeconds = seconds;
  try {
    return call();
  } finally {
    fakeSeconds = undefined;
  }
}

describe("createVerifier", () => {
  test("gives what verify gives, with options read once", () => {
    const token = sign({ sub: "ada", aud: "api", exp: T + 60 }, SECRET);
    const options = { audience: "api", now: T };
    const verifyToken = createVerifier(SECRET, options);
    options.audience = "web"; // read at creation: no effect
    assert.deepEqual(verifyToken(token), verify(token, SECRET, { audience: "api", now: T }));
    assert.throws(() => verifyToken(flipSignatureBit(token)), { code: "bad_signature" });
    assert.throws(() => createVerifier(SECRET, { audiance: "api" }), { code: "invalid_option" });
    assert.throws(() => createVerifier(SECRET, { maxAge: NaN }), { code: "invalid_option" });
    const key = Key.hmac(SECRET);
    assert.equal(createVerifier(key, { audience: "api" })(token).payload.sub, "ada");
  });

  test("the cache option is checked", () => {
    for (const cache of ["yes", { size: 0 }, { size: 1.5 }, { size: 100_001 }, { ttl: 0 }, { ttl: Infinity }, { sizes: 2 }]) {
      assert.throws(() => createVerifier(SECRET, { cache }), { code: "invalid_option" }, JSON.stringify(cache));
    }
  });
});

describe("createVerifier with a cache", () => {
  test("a repeated token is answered from the cache, frozen; failures are not cached", () => {
    const verifyToken = createVerifier(SECRET, { cache: true });
    const token = sign({ sub: "ada", roles: ["a"] }, SECRET);
    const first = verifyToken(token);
    assert.equal(verifyToken(token), first, "the same result object: a hit");
    assert.ok(Object.isFrozen(first.payload) && Object.isFrozen(first.payload.roles));
    const tampered = flipSignatureBit(token);
    assert.throws(() => verifyToken(tampered), { code: "bad_signature" });
    assert.throws(() => verifyToken(tampered), { code: "bad_signature" });
    assert.throws(() => verifyToken("x".repeat(70_000)), { code: "too_large" });
  });

  test("exp, nbf and maxAge are checked again on every hit, with the leeway", () => {
    const verifyToken = createVerifier(SECRET, { cache: { size: 10, ttl: 3600 }, leeway: 5, maxAge: 100 });
    const token = sign({ sub: "ada", iat: T, nbf: T + 10, exp: T + 60 }, SECRET);
    assert.throws(() => at(T + 4, () => verifyToken(token)), { code: "not_yet_valid" });
    const first = at(T + 5, () => verifyToken(token));
    assert.equal(at(T + 64.9, () => verifyToken(token)), first);
    assert.throws(() => at(T + 65, () => verifyToken(token)), { code: "expired" });
    assert.throws(() => at(T + 4, () => verifyToken(token)), { code: "not_yet_valid" }, "an earlier clock is checked too");

    const old = sign({ sub: "ada", iat: T }, SECRET);
    const young = at(T + 50, () => verifyToken(old));
    assert.equal(at(T + 105, () => verifyToken(old)), young);
    assert.throws(() => at(T + 105.5, () => verifyToken(old)), { code: "too_old" });
  });

  test("an entry lives no longer than the ttl, and the least recently used goes first", () => {
    const verifyToken = createVerifier(SECRET, { cache: { size: 2, ttl: 30 } });
    const [a, b, c] = ["a", "b", "c"].map((sub) => sign({ sub }, SECRET, { issuedAt: false }));
    const first = at(T, () => verifyToken(a));
    assert.equal(at(T + 29, () => verifyToken(a)), first);
    assert.notEqual(at(T + 30, () => verifyToken(a)), first, "re-verified after the ttl");
    const [ra, rb] = at(T + 31, () => [verifyToken(a), verifyToken(b)]);
    at(T + 31, () => verifyToken(a)); // a is now the most recently used
    at(T + 31, () => verifyToken(c)); // evicts b
    assert.equal(at(T + 32, () => verifyToken(a)), at(T + 32, () => verifyToken(a)));
    assert.notEqual(at(T + 32, () => verifyToken(b)), rb, "b was evicted");
    assert.ok(ra);
  });
});
