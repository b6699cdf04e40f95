// Run by node-memory.test.mjs as `node --expose-gc key-churn.mjs`: creates keys in rounds
// without freeing them, collects garbage between rounds, and prints as JSON the wasm
// memory size after each round, plus a control: the size with one round's keys kept
// alive (proving that keys that are never released do make the memory grow).
import { importPackage } from "./package.mjs";
import { secretOf } from "./tokens.mjs";

const { Key, KeySet, memoryBytes } = await importPackage();

const ROUNDS = Number(process.argv[2]);
const KEYS_PER_ROUND = Number(process.argv[3]);
const secret = secretOf(64);
const jwk = { kty: "oct", kid: "k", k: Buffer.from(secret).toString("base64url") };
const jwks = { keys: [jwk, { ...jwk, kid: "k2" }] };

function makeKeys(count) {
  const keys = [];
  for (let i = 0; i < count; i++) {
    keys.push(Key.hmac(`${secret}${i}`), Key.fromJwk({ ...jwk, kid: `k${i}` }), KeySet.fromJwks(jwks));
  }
  return keys;
}

/** Garbage collection, then macrotasks so that FinalizationRegistry callbacks run. */
async function collect() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const sizes = [];
for (let round = 0; round < ROUNDS; round++) {
  makeKeys(KEYS_PER_ROUND);
  await collect();
  sizes.push(memoryBytes());
}
const kept = makeKeys(KEYS_PER_ROUND * 2);
const withKeptKeys = memoryBytes();
kept.forEach((key) => key.free());
process.stdout.write(JSON.stringify({ sizes, withKeptKeys }));
