// wasm-jwt under workerd (`wrangler dev` on 127.0.0.1): a test Worker runs the same
// jose cases as the browser tests (a second one those of wasm-jwt/hs), and the example
// Worker (examples/worker) guards its /api/ routes with a secret or a JWKS from the
// environment. All import the package by name.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";

import { EXAMPLE_WORKER_DIR, FIXTURES_DIR } from "./fixtures/support/paths.mjs";
import { startWrangler } from "./fixtures/support/wrangler.mjs";
import {
  ALGORITHMS, assertOutcomes, buildCases, corruptPayload, flipSignatureBit, forRuntime, makeKey, samplePayload, signWithJose,
} from "./fixtures/support/tokens.mjs";
import { hmacOnlyCases } from "./fixtures/support/hmac-only.mjs";

/** examples/worker as its README runs it, with `devVars` as its .dev.vars. */
function startExampleWorker(name, devVars) {
  return startWrangler({
    name,
    files: {
      src: path.join(EXAMPLE_WORKER_DIR, "src"),
      "wrangler.jsonc": path.join(EXAMPLE_WORKER_DIR, "wrangler.jsonc"),
    },
    devVars,
  });
}

describe("workerd, a Worker importing wasm-jwt", { timeout: 180_000 }, () => {
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

  test("the hostile-input cases (the same as in Node) all pass", async () => {
    const response = await fetch(`${worker.origin}/hostile`, { method: "POST" });
    assert.equal(response.status, 200, await response.clone().text());
    const results = await response.json();
    assert.ok(results.length > 50, `${results.length} cases ran`);
    assert.deepEqual(results.filter((result) => result.failure !== undefined), []);
  });

  test("every algorithm both ways with jose, through JWK, JWKS and PEM keys; a flipped bit is bad_signature; a malformed token is located", async () => {
    const cases = await buildCases();
    const response = await fetch(worker.origin, { method: "POST", body: JSON.stringify(forRuntime(cases)) });
    assert.equal(response.status, 200, await response.clone().text());
    await assertOutcomes(cases, await response.json(), "workerd");
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

  test("the HMAC cases pass and an RS256 token is unsupported_alg (the HMAC-only build is the one loaded)", async () => {
    const cases = await hmacOnlyCases(await buildCases());
    const response = await fetch(worker.origin, { method: "POST", body: JSON.stringify(forRuntime(cases)) });
    assert.equal(response.status, 200, await response.clone().text());
    await assertOutcomes(cases, await response.json(), "workerd, wasm-jwt/hs");
  });
});

describe("workerd, the example Worker (examples/worker) with JWT_SECRET", { timeout: 180_000 }, () => {
  const ISSUER = "https://issuer.test";
  const AUDIENCE = "wasm-jwt-example";
  let key;
  let worker;

  /** GET /api/me with the token as a bearer credential; the parsed JSON body and response. */
  async function me(token) {
    const headers = token === undefined ? {} : { Authorization: `Bearer ${token}` };
    const response = await fetch(`${worker.origin}/api/me`, { headers });
    return { response, body: await response.json() };
  }

  function claims(extra) {
    return samplePayload({ iss: ISSUER, aud: AUDIENCE, ...extra });
  }

  before(async () => {
    key = await makeKey({ alg: "HS256", secretBytes: 32 });
    worker = await startExampleWorker("example-worker", { JWT_SECRET: key.verifyKey.secret, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  });

  after(async () => {
    await worker?.stop();
  });

  test("a token signed by jose gets 200 and its claims", async () => {
    const payload = claims();
    const { response, body } = await me(await signWithJose(key, payload));
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.deepEqual(body, { claims: payload });
  });

  test("one flipped signature bit gets 401 bad_signature", async () => {
    const { response, body } = await me(flipSignatureBit(await signWithJose(key, claims())));
    assert.equal(response.status, 401);
    assert.equal(body.error, "bad_signature", body.message);
    assert.match(response.headers.get("www-authenticate"), /^Bearer error="invalid_token"/);
  });

  test("a malformed token gets 401 malformed with part and offset", async () => {
    const corrupt = corruptPayload(await signWithJose(key, claims()));
    const { response, body } = await me(corrupt.token);
    assert.equal(response.status, 401);
    assert.deepEqual({ error: body.error, part: body.part, offset: body.offset }, { error: "malformed", part: corrupt.part, offset: corrupt.offset });
  });

  test("a token for another audience gets 401 audience", async () => {
    const { response, body } = await me(await signWithJose(key, claims({ aud: "someone-else" })));
    assert.equal(response.status, 401);
    assert.equal(body.error, "audience", body.message);
  });

  test("an HS512 token against the 32-byte secret gets 401 weak_key without the secret's length", async () => {
    const hs512 = await makeKey({ alg: "HS512", secretBytes: 64 });
    const { response, body } = await me(await signWithJose(hs512, claims()));
    assert.equal(response.status, 401);
    assert.equal(body.error, "weak_key", body.message);
    assert.doesNotMatch(body.message, /\d/, "the message must not tell the secret's length");
  });

  test("no Authorization header gets 401 missing_token; public routes need none", async () => {
    const { response, body } = await me(undefined);
    assert.equal(response.status, 401);
    assert.equal(body.error, "missing_token");
    assert.equal(response.headers.get("www-authenticate"), "Bearer");
    const home = await fetch(`${worker.origin}/`);
    assert.equal(home.status, 200);
    await home.arrayBuffer();
  });

  test("error responses never echo the secret", async () => {
    const { body } = await me(flipSignatureBit(await signWithJose(key, claims())));
    assert.ok(!JSON.stringify(body).includes(key.verifyKey.secret));
  });
});

describe("workerd, the example Worker (examples/worker) with a JWKS", { timeout: 180_000 }, () => {
  // A JWKS may not mix HMAC secrets with public keys, so the set holds the public-key
  // algorithms (an identity provider's case) once there are any, else the HMAC ones.
  const publicKeyAlgorithms = ALGORITHMS.filter((algorithm) => !algorithm.secretBytes);
  const jwksAlgorithms = publicKeyAlgorithms.length > 0 ? publicKeyAlgorithms : ALGORITHMS;
  let keys;
  let worker;

  async function me(token) {
    const response = await fetch(`${worker.origin}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    return { response, body: await response.json() };
  }

  before(async () => {
    keys = await Promise.all(jwksAlgorithms.map((algorithm) => makeKey(algorithm)));
    worker = await startExampleWorker("example-worker-jwks", { JWKS: JSON.stringify({ keys: keys.map((key) => key.jwk) }) });
  });

  after(async () => {
    await worker?.stop();
  });

  test("a token signed by jose with each algorithm's kid gets 200 and its claims", async () => {
    for (const key of keys) {
      const payload = samplePayload({ alg_under_test: key.alg });
      const { response, body } = await me(await signWithJose(key, payload, { kid: key.jwk.kid }));
      assert.equal(response.status, 200, `${key.alg}: ${JSON.stringify(body)}`);
      assert.deepEqual(body, { claims: payload }, key.alg);
    }
  });

  test("one flipped signature bit gets 401 bad_signature for each algorithm", async () => {
    for (const key of keys) {
      const { response, body } = await me(flipSignatureBit(await signWithJose(key, samplePayload(), { kid: key.jwk.kid })));
      assert.equal(response.status, 401, key.alg);
      assert.equal(body.error, "bad_signature", `${key.alg}: ${body.message}`);
    }
  });

  test("a kid that is not in the set gets 401 key_not_found", async () => {
    const { response, body } = await me(await signWithJose(keys[0], samplePayload(), { kid: "not-in-the-set" }));
    assert.equal(response.status, 401);
    assert.equal(body.error, "key_not_found", body.message);
  });
});

describe("workerd, the example Worker (examples/worker) with a weak JWT_SECRET", { timeout: 180_000 }, () => {
  const WEAK_SECRET = "change-me"; // the placeholder of .dev.vars.example
  let worker;

  before(async () => {
    worker = await startExampleWorker("example-worker-weak", { JWT_SECRET: WEAK_SECRET });
  });

  after(async () => {
    await worker?.stop();
  });

  test("protected routes answer 500 server_misconfigured, the log says weak_key, nothing echoes the secret", async () => {
    const response = await fetch(`${worker.origin}/api/me`, { headers: { Authorization: "Bearer a.b.c" } });
    const text = await response.text();
    assert.equal(response.status, 500, text);
    assert.equal(JSON.parse(text).error, "server_misconfigured");
    assert.ok(!text.includes(WEAK_SECRET), "the response must not contain the secret");
    await waitForLog(worker, /JWT_SECRET: weak_key/);
    assert.ok(!worker.output.join("").includes(WEAK_SECRET), "the log must not contain the secret");
  });
});

/** Waits (bounded) for wrangler's output to show `pattern`: logs arrive asynchronously. */
async function waitForLog(worker, pattern, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(worker.output.join(""))) {
    if (Date.now() > deadline) assert.fail(`wrangler's output did not show ${pattern} within ${timeoutMs} ms:\n${worker.output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
