// createRemoteKeySet in Node, against a JWKS server on 127.0.0.1 whose answers the tests
// choose, with an injected clock: the cache, the cooldown, one fetch for concurrent misses,
// stale-if-error, the failure modes (non-200, non-JSON, over 1 MiB, a bad set, a timeout),
// the URL rule, the store (a cold instance reads it; a failing one is a miss). Then the same
// in workerd (fixtures/remote-worker): one fetch for the concurrent misses of a request, a
// cold key set reading the Cache API and KV stores, jwks_fetch. The example Worker's use of
// it (a restarted isolate reading the Cache API) is in edge.test.mjs.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

import path from "node:path";

import { importPackage } from "./helpers/package.mjs";
import { FIXTURES_DIR } from "./fixtures/support/paths.mjs";
import { startWrangler } from "./fixtures/support/wrangler.mjs";

// Remote key sets verify in wasm-jwt (the verify build); the tokens are signed by wasm-jwt/sign.
const { JwtError, createRemoteKeySet, kvStore, verifyAsync } = await importPackage();
const { Key, sign } = await importPackage("wasm-jwt/sign");

const MIB = 1 << 20;

function keyPair(kid) {
  const key = Key.fromJwk({ ...Key.generate("ES256").toJwk({ private: true }), kid });
  return { key, publicJwk: key.toJwk() };
}

const first = keyPair("k1");
const second = keyPair("k2");
const stranger = keyPair("k3");

function tokenOf({ key }) {
  return sign({ sub: "ada" }, key, { expiresIn: 600 });
}

describe("createRemoteKeySet", { timeout: 180_000 }, () => {
  let server;
  let url;
  let hits;
  /** How the server answers the next requests: (request, response) => void. */
  let answer;
  const serve = (keys) => (request, response) => response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys }));

  before(async () => {
    server = http.createServer((request, response) => {
      hits += 1;
      answer(request, response);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${server.address().port}/jwks.json`;
  });

  after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    hits = 0;
    answer = serve([first.publicJwk]);
  });

  /** A clock the test moves: `clock.now` seconds. */
  function manualClock() {
    const clock = () => clock.now;
    clock.now = 1_800_000_000;
    return clock;
  }

  async function rejectsWith(promise, code, pattern) {
    await assert.rejects(promise, (error) => {
      assert.ok(error instanceof JwtError, String(error));
      assert.equal(error.code, code, error.message);
      if (pattern) assert.match(error.message, pattern);
      return true;
    });
  }

  test("a known kid verifies from the cache with no fetch; the set is fetched again after cacheMaxAge", async () => {
    const clock = manualClock();
    const keys = createRemoteKeySet(url, { clock, cacheMaxAge: 600 });
    for (let i = 0; i < 5; i += 1) assert.equal((await verifyAsync(tokenOf(first), keys)).payload.sub, "ada");
    assert.equal(hits, 1);
    clock.now += 599;
    await verifyAsync(tokenOf(first), keys);
    assert.equal(hits, 1);
    clock.now += 2;
    await verifyAsync(tokenOf(first), keys);
    assert.equal(hits, 2, "expired: fetched again");
  });

  test("an unknown kid refetches once, then not again within the cooldown (key_not_found)", async () => {
    const clock = manualClock();
    const keys = createRemoteKeySet(url, { clock, cooldown: 30 });
    await verifyAsync(tokenOf(first), keys);
    answer = serve([first.publicJwk, second.publicJwk]);
    assert.equal((await verifyAsync(tokenOf(second), keys)).header.kid, "k2");
    assert.equal(hits, 2, "a rotated key: one refetch");
    await rejectsWith(verifyAsync(tokenOf(stranger), keys), "key_not_found");
    assert.equal(hits, 2, "within the cooldown of the last kid refetch: no fetch");
    clock.now += 31;
    await rejectsWith(verifyAsync(tokenOf(stranger), keys), "key_not_found");
    await rejectsWith(verifyAsync(tokenOf(stranger), keys), "key_not_found");
    assert.equal(hits, 3, "after the cooldown: one more, then none");
  });

  test("concurrent misses share one fetch", async () => {
    const keys = createRemoteKeySet(url);
    const results = await Promise.all(Array.from({ length: 10 }, () => verifyAsync(tokenOf(first), keys)));
    assert.equal(results.length, 10);
    assert.equal(hits, 1);
  });

  test("a malformed token or a bad option is refused as verify refuses it, without a fetch", async () => {
    const keys = createRemoteKeySet(url);
    await rejectsWith(verifyAsync("not.a.token!", keys), "malformed");
    await rejectsWith(verifyAsync(tokenOf(first), keys, { audiance: "x" }), "invalid_option");
    await rejectsWith(verifyAsync(tokenOf(first), keys, { algorithms: ["RS256"] }), "alg_not_allowed");
    assert.equal(hits, 0);
  });

  test("non-200, non-JSON, over 1 MiB, not a key set, a refused set, a timeout: jwks_fetch naming the URL and the cause", async () => {
    const failures = [
      ["HTTP 503", (request, response) => response.writeHead(503).end("down"), /HTTP 503/],
      ["a redirect", (request, response) => response.writeHead(302, { location: "http://127.0.0.1:1/" }).end(), /HTTP 302/],
      ["non-JSON", (request, response) => response.end("<html>"), /not JSON/],
      ["over 1 MiB, declared", (request, response) => response.end(JSON.stringify({ keys: [], pad: "x".repeat(MIB) })), /at most 1048576/],
      ["over 1 MiB, chunked", (request, response) => {
        response.writeHead(200);
        for (let i = 0; i < 20; i += 1) response.write("x".repeat(64 * 1024));
        response.end();
      }, /over 1048576/],
      ["not a key set", (request, response) => response.end('{"kty":"EC"}'), /not a JWK Set/],
      ["a set the core refuses", (request, response) => response.end(JSON.stringify({ keys: [first.publicJwk, first.publicJwk] })), /refused \(invalid_key/],
      ["no answer", () => {}, /no answer within 0.2 s/],
    ];
    for (const [label, respond, cause] of failures) {
      answer = respond;
      const keys = createRemoteKeySet(url, { timeout: 0.2 });
      await rejectsWith(verifyAsync(tokenOf(first), keys), "jwks_fetch", new RegExp(`${url.replace(/[.]/g, "\\.")}.*${cause.source}`), label);
    }
  });

  test("a failed refetch never replaces the good set; an expired set serves until cacheMaxAge + staleIfError, then jwks_fetch", async () => {
    const clock = manualClock();
    const keys = createRemoteKeySet(url, { clock, cacheMaxAge: 600, staleIfError: 3600, cooldown: 30 });
    await verifyAsync(tokenOf(first), keys);
    answer = (request, response) => response.end("{broken");
    await rejectsWith(verifyAsync(tokenOf(second), keys), "key_not_found");
    assert.equal(hits, 2, "the unknown kid was looked for");
    await verifyAsync(tokenOf(first), keys); // the good set is still there
    clock.now += 601;
    await verifyAsync(tokenOf(first), keys);
    assert.equal(hits, 3, "expired: a fetch, which failed; the stale set served");
    await verifyAsync(tokenOf(first), keys);
    assert.equal(hits, 3, "after a failure, no new attempt within the cooldown");
    clock.now += 3600;
    await rejectsWith(verifyAsync(tokenOf(first), keys), "jwks_fetch", /not JSON/);
    answer = serve([first.publicJwk]);
    clock.now += 31;
    await verifyAsync(tokenOf(first), keys);
  });

  test("only https: URLs, and http: to a loopback host", () => {
    for (const good of ["https://issuer.example/jwks", "http://127.0.0.1:9/x", "http://localhost/x", "http://[::1]:8/x"]) {
      assert.equal(createRemoteKeySet(good).url, new URL(good).href);
    }
    for (const bad of ["http://issuer.example/jwks", "ftp://127.0.0.1/x", "file:///etc/passwd", "not a url", "http://127.0.0.1.evil.example/"]) {
      assert.throws(() => createRemoteKeySet(bad), { name: "JwtError", code: "invalid_option" }, bad);
    }
    assert.throws(() => createRemoteKeySet(url, { cacheMaxAge: Number.NaN }), { code: "invalid_option" });
    assert.throws(() => createRemoteKeySet(url, { cachMaxAge: 10 }), { code: "invalid_option" });
    assert.throws(() => createRemoteKeySet(url, { store: {} }), { code: "invalid_option" });
  });

  test("a store: the fetched text is put with cacheMaxAge; a cold instance reads it without a fetch; a failing store is a miss", async () => {
    const entries = new Map();
    const namespace = {
      get: async (name) => entries.get(name)?.value ?? null,
      put: async (name, value, { expirationTtl }) => void entries.set(name, { value, expirationTtl }),
    };
    const store = kvStore(namespace);
    await verifyAsync(tokenOf(first), createRemoteKeySet(url, { store, cacheMaxAge: 300 }));
    assert.equal(hits, 1);
    assert.deepEqual([...entries.keys()], [`jwks:${url}`]);
    assert.equal(entries.get(`jwks:${url}`).expirationTtl, 300);
    await verifyAsync(tokenOf(first), createRemoteKeySet(url, { store }));
    assert.equal(hits, 1, "the cold instance read the store");

    const failing = { get: async () => { throw new Error("store down"); }, put: () => Promise.reject(new Error("store down")) };
    await verifyAsync(tokenOf(first), createRemoteKeySet(url, { store: failing }));
    assert.equal(hits, 2, "a failing store: fetched, no error");

    answer = serve([first.publicJwk, second.publicJwk]);
    const stale = createRemoteKeySet(url, { store });
    await verifyAsync(tokenOf(second), stale);
    assert.equal(hits, 3, "the stored set lacks the kid: fetched from the server");
    assert.match(entries.get(`jwks:${url}`).value, /"k2"/, "and the store updated");
  });

  test("an injected fetch is used, with a timeout signal and redirects not followed", async () => {
    const seen = [];
    const keys = createRemoteKeySet("https://issuer.example/jwks", {
      fetch: async (target, init) => {
        seen.push({ target, redirect: init.redirect, signal: init.signal instanceof AbortSignal });
        return new Response(JSON.stringify({ keys: [first.publicJwk] }), { status: 200 });
      },
    });
    await verifyAsync(tokenOf(first), keys);
    assert.deepEqual(seen, [{ target: "https://issuer.example/jwks", redirect: "manual", signal: true }]);
  });

  describe("in workerd", () => {
    let worker;

    before(async () => {
      worker = await startWrangler({
        name: "remote-key-set",
        files: { "index.mjs": path.join(FIXTURES_DIR, "remote-worker", "index.mjs"), "wrangler.jsonc": path.join(FIXTURES_DIR, "remote-worker", "wrangler.jsonc") },
      });
    });

    after(async () => {
      await worker?.stop();
    });

    async function verifyInWorker(tokens, { store, fresh = false, jwksUrl = url } = {}) {
      const response = await fetch(worker.origin, { method: "POST", body: JSON.stringify({ url: jwksUrl, tokens, store, fresh }) });
      assert.equal(response.status, 200, await response.clone().text());
      return response.json();
    }

    test("concurrent misses in one request share one fetch; later requests use the cache", async () => {
      const outcomes = await verifyInWorker(Array.from({ length: 6 }, () => tokenOf(first)));
      assert.deepEqual(outcomes, Array(6).fill({ ok: true, sub: "ada" }));
      assert.equal(hits, 1);
      await verifyInWorker([tokenOf(first)]);
      assert.equal(hits, 1);
    });

    for (const store of ["cache", "kv"]) {
      test(`a cold key set reads the set its neighbour put in the ${store === "cache" ? "Cache API" : "KV"} store`, async () => {
        const jwksUrl = `${url}?store=${store}`;
        assert.deepEqual(await verifyInWorker([tokenOf(first)], { store, fresh: true, jwksUrl }), [{ ok: true, sub: "ada" }]);
        assert.equal(hits, 1);
        assert.deepEqual(await verifyInWorker([tokenOf(first)], { store, fresh: true, jwksUrl }), [{ ok: true, sub: "ada" }]);
        assert.equal(hits, 1, "read from the store, not fetched");
      });
    }

    test("a failing server is jwks_fetch naming the URL and the cause", async () => {
      answer = (request, response) => response.writeHead(500).end();
      const [outcome] = await verifyInWorker([tokenOf(first)], { fresh: true, jwksUrl: `${url}?failing` });
      assert.equal(outcome.code, "jwks_fetch");
      assert.match(outcome.message, /127\.0\.0\.1.*HTTP 500/);
    });
  });
});
