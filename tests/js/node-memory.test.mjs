// Wasm memory stays flat under load (no leak per call on any path, success or error),
// and keys that are never freed are released by garbage collection.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { importPackage } from "./helpers/package.mjs";
import { flipSignatureBit, secretOf } from "./helpers/tokens.mjs";

const { Key, KeySet, decode, memoryBytes, sign, verify } = await importPackage("wasm-jwt/sign");

const secret = secretOf(32);
const bytes = new TextEncoder().encode(secret);
const key = Key.hmac(secret);
const keySet = KeySet.fromJwks({ keys: [{ kty: "oct", kid: "k1", k: Buffer.from(secret).toString("base64url") }] });
const valid = sign({ sub: "user", aud: "api", roles: ["a", "b"] }, secret, { expiresIn: 3600, header: { kid: "k1" } });
const options = { audience: "api", maxAge: 60 };
// More string secrets than the wrapper's key cache holds, used in turn: every use evicts a key.
const rotatingSecrets = Array.from({ length: 20 }, (_, i) => secretOf(40 + i));
const rotatingTokens = rotatingSecrets.map((s) => sign({ sub: "rotating" }, s));
let rotation = 0;

/** One call per path through the wrapper; each returns what it checked, or the error code. */
const CALLS = [
  () => verify(valid, secret, options).payload.sub,
  () => verify(valid, key, options).payload.sub,
  () => verify(valid, keySet, options).payload.sub,
  () => verify(valid, bytes, options).payload.sub,
  () => verify(flipSignatureBit(valid), secret, options),
  () => verify(valid, secret, { audience: "web" }),
  () => verify(valid.slice(1), key),
  () => decode(valid).signature.length,
  () => verify(rotatingTokens[rotation % 20], rotatingSecrets[rotation++ % 20]).payload.sub,
];
const EXPECTED = ["user", "user", "user", "user", "bad_signature", "audience", "malformed", 43, "rotating"];

function run(calls) {
  for (let i = 0; i < calls; i++) {
    const which = i % CALLS.length;
    let outcome;
    try {
      outcome = CALLS[which]();
    } catch (error) {
      outcome = error.code;
    }
    if (outcome !== EXPECTED[which]) assert.fail(`call ${i} (path ${which}) gave ${outcome}, not ${EXPECTED[which]}`);
  }
}

test("wasm memory does not grow across 1,000,000 verify calls", () => {
  run(20_000); // warm-up: the allocator reaches its working size
  const before = memoryBytes();
  run(1_000_000);
  assert.equal(memoryBytes(), before);
});

test("wasm memory does not grow across 100,000 sign calls", () => {
  const signOptions = { expiresIn: 60, header: { kid: "k1" } };
  const signAll = (n) => {
    for (let i = 0; i < n; i++) {
      sign({ sub: "user", n: i }, i % 2 ? key : secret, signOptions);
      try {
        sign({ exp: "soon" }, bytes);
        assert.fail("sign accepted a string exp");
      } catch (error) {
        assert.equal(error.code, "malformed_claim");
      }
    }
  };
  signAll(5_000);
  const before = memoryBytes();
  signAll(50_000);
  assert.equal(memoryBytes(), before);
});

test("keys that are never freed are released by garbage collection", () => {
  const rounds = 12;
  const child = spawnSync(
    process.execPath,
    ["--expose-gc", fileURLToPath(new URL("./helpers/key-churn.mjs", import.meta.url)), String(rounds), "5000"],
    { encoding: "utf8", env: process.env, timeout: 120_000 },
  );
  assert.equal(child.status, 0, child.stderr);
  const { sizes, withKeptKeys } = JSON.parse(child.stdout);
  // The control: two rounds' keys kept alive make the memory grow by about two rounds' worth.
  const roundBytes = (withKeptKeys - sizes.at(-1)) / 2;
  assert.ok(roundBytes > 1_000_000, `keeping two rounds of keys alive grows the memory (by ${roundBytes * 2} bytes)`);
  // Without release, each round would add roundBytes; with it, the memory stops growing.
  assert.ok(sizes.at(-1) - sizes[0] < roundBytes, `memory after each round: ${sizes.join(", ")}`);
  assert.equal(sizes.at(-1), sizes[rounds / 2], `memory after each round: ${sizes.join(", ")}`);
});
