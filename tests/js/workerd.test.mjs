// wasm-jwt under workerd (`wrangler dev` on 127.0.0.1): a test Worker runs the same
// jose cases as the browser tests, with wasm-jwt/sign (the signing build) and with wasm-jwt
// (the verify build, which refuses signing); a second one runs those of wasm-jwt/hs. Both
// import the package by name. The example Worker (examples/edge) has its own suite, edge.test.mjs.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";

import { FIXTURES_DIR } from "./fixtures/support/paths.mjs";
import { startWrangler } from "./fixtures/support/wrangler.mjs";
import {
  assertOutcomes, buildCases, forRuntime,
} from "./fixtures/support/tokens.mjs";
import { hmacOnlyCases } from "./fixtures/support/hmac-only.mjs";
import { verifyOnlyCases } from "./fixtures/support/verify-only.mjs";

describe("workerd, a Worker importing wasm-jwt and wasm-jwt/sign", { timeout: 180_000 }, () => {
  let worker;

  before(async () => {
    worker = await startWrangler({
      name: "cases-worker",
      files: {
        "index.mjs": path.join(FIXTURES_DIR, "worker", "index.mjs"),
        "run-cases.mjs": path.join(FIXTURES_DIR, "run-cases.mjs"),
        "hostile-cases.mjs": path.join(FIXTURES_DIR, "hostile-cases.mjs"),
        "wrangler.jsonc": path.join(FIXTURES_DIR, "worker", "wrangler.jsonc"),
      },
    });
  });

  after(async () => {
    await worker?.stop();
  });

  test("wasm-jwt/sign: the hostile-input cases (the same as in Node) all pass", async () => {
    const response = await fetch(`${worker.origin}/sign/hostile`, { method: "POST" });
    assert.equal(response.status, 200, await response.clone().text());
    const results = await response.json();
    assert.ok(results.length > 50, `${results.length} cases ran`);
    assert.deepEqual(results.filter((result) => result.failure !== undefined), []);
  });

  test("wasm-jwt/sign: every algorithm both ways with jose, through JWK, JWKS and PEM keys; a flipped bit is bad_signature; a malformed token is located", async () => {
    const cases = await buildCases();
    const response = await fetch(`${worker.origin}/sign`, { method: "POST", body: JSON.stringify(forRuntime(cases)) });
    assert.equal(response.status, 200, await response.clone().text());
    await assertOutcomes(cases, await response.json(), "workerd, wasm-jwt/sign");
  });

  test("wasm-jwt/sign: the same cases through verifyAsync (WebCrypto for RSA and ECDSA) give verify's outcomes", async () => {
    const cases = await buildCases();
    const runnable = JSON.stringify(forRuntime(cases));
    const [sync, async] = await Promise.all(
      ["/sign", "/sign/async"].map(async (route) => (await fetch(`${worker.origin}${route}`, { method: "POST", body: runnable })).json()),
    );
    await assertOutcomes(cases, async, "workerd, wasm-jwt/sign, verifyAsync");
    const verifications = (outcomes) => outcomes.filter((_, i) => cases[i].op === "verify");
    assert.deepEqual(verifications(async), verifications(sync));
  });

  test("wasm-jwt: verifies every algorithm's jose tokens (sync and verifyAsync) and refuses signing, Key.generate and private keys naming wasm-jwt/sign", async () => {
    const cases = verifyOnlyCases(await buildCases());
    const runnable = JSON.stringify(forRuntime(cases));
    const [sync, async] = await Promise.all(
      ["/", "/async"].map(async (route) => (await fetch(`${worker.origin}${route}`, { method: "POST", body: runnable })).json()),
    );
    await assertOutcomes(cases, sync, "workerd, wasm-jwt");
    await assertOutcomes(cases, async, "workerd, wasm-jwt, verifyAsync");
  });
});

describe("workerd, a Worker importing wasm-jwt/hs", { timeout: 180_000 }, () => {
  let worker;

  before(async () => {
    worker = await startWrangler({
      name: "cases-worker-hs",
      files: {
        "index.mjs": path.join(FIXTURES_DIR, "worker-hs", "index.mjs"),
        "run-cases.mjs": path.join(FIXTURES_DIR, "run-cases.mjs"),
        "wrangler.jsonc": path.join(FIXTURES_DIR, "worker", "wrangler.jsonc"),
      },
    });
  });

  after(async () => {
    await worker?.stop();
  });

  test("the HMAC cases pass and an RS256 token is unsupported_alg (the HMAC-only build is the one loaded); wasm-jwt/hs refuses signing naming wasm-jwt/hs/sign", async () => {
    const cases = await buildCases();
    for (const [entry, route, signs] of [["wasm-jwt/hs", "/", false], ["wasm-jwt/hs/sign", "/sign", true]]) {
      const entryCases = await hmacOnlyCases(cases, { signs });
      const response = await fetch(`${worker.origin}${route}`, { method: "POST", body: JSON.stringify(forRuntime(entryCases)) });
      assert.equal(response.status, 200, await response.clone().text());
      await assertOutcomes(entryCases, await response.json(), `workerd, ${entry}`);
    }
  });
});
