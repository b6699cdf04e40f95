// The example Worker of examples/edge in real workerd (`wrangler dev`), against the route
// contract of its README: login, the strict /api guard, refresh rotation with reuse
// detection, logout, the JWKS, CORS, an external identity provider's JWKS served on
// loopback (fetched once, refetched once on a new kid, read back from the Cache API after
// a restart), a restart keeping every refresh token, concurrent refreshes; then
// `wrangler deploy --dry-run`, and the requests per second of /api/me (a diagnostic, not asserted).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { importPackage } from "./helpers/package.mjs";
import { EXAMPLE_EDGE_DIR, REPO_DIR } from "./fixtures/support/paths.mjs";
import { installPackage } from "./fixtures/support/installed-package.mjs";
import { freePort, startWrangler } from "./fixtures/support/wrangler.mjs";
import { hashPassword } from "../../examples/edge/src/passwords.js";

const { Key, KeySet, decode, sign, verify } = await importPackage("wasm-jwt/sign");

const ISSUER = "wasm-jwt-edge";
const AUDIENCE = "wasm-jwt-edge-api";
const IDP_ISSUER = "https://idp.test/";
const IDP_AUDIENCE = "edge-api";
const ALLOWED_ORIGIN = "https://app.test";
const PASSWORDS = { demo: "demo-password", root: "root-password-1" };

/** A private JWK for `alg` with `kid`, made by the package. */
function privateJwk(alg, kid) {
  const key = Key.generate(alg);
  return { ...key.toJwk({ private: true }), kid };
}

/** examples/edge as a project for startWrangler: its sources, its config, the package installed. */
function edgeFiles() {
  return { src: path.join(EXAMPLE_EDGE_DIR, "src"), "wrangler.jsonc": path.join(EXAMPLE_EDGE_DIR, "wrangler.jsonc") };
}

function base64urlJson(value) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The identity provider's JWKS on loopback: `keys` can be swapped (rotation); `hits` counts fetches. */
async function startJwksServer() {
  const server = { keys: [], hits: 0 };
  const httpServer = http.createServer((request, response) => {
    server.hits += 1;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: server.keys }));
  });
  await new Promise((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  server.url = `http://127.0.0.1:${httpServer.address().port}/.well-known/jwks.json`;
  server.close = () => new Promise((resolve) => httpServer.close(resolve));
  return server;
}

describe("examples/edge under wrangler dev", { timeout: 300_000 }, () => {
  const signingJwk = privateJwk("ES256", "edge-2026-01");
  const nextJwk = privateJwk("EdDSA", "edge-2026-07"); // published before it signs
  const idpKeys = [privateJwk("ES256", "idp-1"), privateJwk("ES256", "idp-2")];
  const signingKey = Key.fromJwk(signingJwk);
  let stateDir;
  let jwksServer;
  let devVars;
  let worker;

  async function call(route, { method = "GET", token, body, headers = {} } = {}) {
    const response = await fetch(`${worker.origin}${route}`, {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { response, status: response.status, body: text ? JSON.parse(text) : null };
  }

  const login = (username, password = PASSWORDS[username]) => call("/auth/login", { method: "POST", body: { username, password } });
  const refresh = (refreshToken) => call("/auth/refresh", { method: "POST", body: { refresh_token: refreshToken } });
  const logout = (refreshToken) => call("/auth/logout", { method: "POST", body: { refresh_token: refreshToken } });
  const me = (token) => call("/api/me", { token });

  /** A token as this Worker would sign it, with `claims` and `header` changed. */
  function ownToken(claims = {}, { key = signingKey, header = {}, expiresIn = 600 } = {}) {
    const payload = { iss: ISSUER, aud: AUDIENCE, sub: "demo", roles: ["user"], jti: crypto.randomUUID(), ...claims };
    return sign(payload, key, { expiresIn, header: { kid: signingJwk.kid, typ: "at+jwt", ...header } });
  }

  function idpToken(key, claims = {}) {
    return sign({ iss: IDP_ISSUER, aud: IDP_AUDIENCE, sub: "idp-user", ...claims }, Key.fromJwk(key), { expiresIn: 600, header: { kid: key.kid, typ: "at+jwt" } });
  }

  function assertInvalidToken({ status, body, response }, code) {
    assert.equal(status, 401, JSON.stringify(body));
    assert.deepEqual(body, { error: code });
    assert.match(response.headers.get("www-authenticate"), /^Bearer realm="api", error="invalid_token", error_description="[^"]+"$/);
  }

  function start(extraVars = {}) {
    return startWrangler({ name: "edge", files: edgeFiles(), devVars: { ...devVars, ...extraVars }, stateDir });
  }

  before(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-edge-state-"));
    jwksServer = await startJwksServer();
    jwksServer.keys = [Key.fromJwk(idpKeys[0]).toJwk()].map((jwk) => ({ ...jwk, kid: idpKeys[0].kid }));
    const users = {
      demo: { ...(await hashPassword(PASSWORDS.demo)), roles: ["user"] },
      root: { ...(await hashPassword(PASSWORDS.root)), roles: ["user", "admin"] },
    };
    devVars = {
      SIGNING_KEY: JSON.stringify(signingJwk),
      ADDITIONAL_JWKS: JSON.stringify({ keys: [nextJwk] }), // private members must not be published
      USERS: JSON.stringify(users),
      CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN,
      JWKS_URL: jwksServer.url,
      ISSUER: IDP_ISSUER,
      AUDIENCE: IDP_AUDIENCE,
    };
    worker = await start();
  });

  after(async () => {
    await worker?.stop();
    await jwksServer?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  test("GET /.well-known/jwks.json: public members only, each key with kid, alg and use sig, the next key included", async () => {
    const { status, body, response } = await call("/.well-known/jwks.json");
    assert.equal(status, 200);
    assert.match(response.headers.get("content-type"), /json/);
    assert.deepEqual(body.keys.map((key) => [key.kid, key.alg, key.use]), [[signingJwk.kid, "ES256", "sig"], [nextJwk.kid, "EdDSA", "sig"]]);
    for (const key of body.keys) assert.equal(key.d, undefined, `${key.kid} has no private member`);
    KeySet.fromJwks(body).free();
  });

  test("login right: the RFC 6749 5.1 shape; the access token is ES256, typ at+jwt, kid from the JWKS, with iss, aud, sub, iat, exp, jti, roles", async () => {
    const { status, body, response } = await login("demo");
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "refresh_expires_in", "refresh_token", "token_type"]);
    assert.equal(body.token_type, "Bearer");
    assert.equal(body.expires_in, 1800);
    assert.equal(body.refresh_expires_in, 1209600);
    assert.equal(response.headers.get("cache-control"), "no-store");
    assert.match(body.refresh_token, /^[0-9a-f]{64}\.[A-Za-z0-9_-]{43}$/, "an opaque value with 256 random bits");
    const jwks = await (await fetch(`${worker.origin}/.well-known/jwks.json`)).json();
    const { header, payload } = verify(body.access_token, KeySet.fromJwks(jwks), { issuer: ISSUER, audience: AUDIENCE, typ: "at+jwt" });
    assert.deepEqual(header, { alg: "ES256", kid: signingJwk.kid, typ: "at+jwt" });
    assert.equal(payload.sub, "demo");
    assert.deepEqual(payload.roles, ["user"]);
    assert.equal(payload.exp - payload.iat, 1800);
    assert.match(payload.jti, /^[0-9a-f-]{36}$/);
  });

  test("login wrong: a wrong password and an unknown user get the same 401 body; bad bodies are 400 invalid_request", async (t) => {
    const timings = { "wrong password": [], "unknown user": [] };
    const bodies = new Set();
    for (let round = 0; round < 3; round += 1) {
      for (const [label, username] of [["wrong password", "demo"], ["unknown user", "nobody"]]) {
        const started = performance.now();
        const { status, response, body } = await login(username, "not-the-password");
        timings[label].push(performance.now() - started);
        assert.equal(status, 401, label);
        bodies.add(JSON.stringify(body) + response.headers.get("content-type"));
      }
    }
    assert.equal(bodies.size, 1, [...bodies].join(" / "));
    assert.match([...bodies][0], /^\{"error":"invalid_grant"\}application\/json/);
    const median = (values) => Math.round(values.sort((a, b) => a - b)[1]);
    t.diagnostic(`login 401, median of 3 (ms; both run PBKDF2-SHA256 at 100,000 iterations): wrong password ${median(timings["wrong password"])}, unknown user ${median(timings["unknown user"])}`);
    for (const body of ["not json", "[]", '{"username":"demo"}', '{"username":"demo","password":7}', JSON.stringify({ username: "demo", password: "x".repeat(5000) })]) {
      const result = await call("/auth/login", { method: "POST", body });
      assert.equal(result.status, 400, body.slice(0, 40));
      assert.deepEqual(result.body, { error: "invalid_request" });
    }
  });

  test("a 1 MiB body is answered 400 invalid_request, not 500", async () => {
    for (const route of ["/auth/login", "/auth/refresh", "/auth/logout"]) {
      const { status, body } = await call(route, { method: "POST", body: JSON.stringify({ username: "demo", password: "x".repeat(1 << 20) }) });
      assert.equal(status, 400, route);
      assert.deepEqual(body, { error: "invalid_request" });
    }
  });

  test("GET /api/me: a valid token gets 200 and its claims; none gets 401 missing_token with a bare Bearer challenge", async () => {
    const { body: tokens } = await login("demo");
    const { status, body } = await me(tokens.access_token);
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(body.claims, decode(tokens.access_token).payload);
    const missing = await me(undefined);
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, { error: "missing_token" });
    assert.equal(missing.response.headers.get("www-authenticate"), 'Bearer realm="api"');
  });

  test("GET /api/me refuses tampered, wrong-audience, alg none, foreign key with the same kid, expired, and non-access tokens", async () => {
    const { body: tokens } = await login("demo");
    const [h, p, s] = tokens.access_token.split(".");
    const claims = decode(tokens.access_token).payload;
    const now = Math.floor(Date.now() / 1000);
    const noneToken = `${base64urlJson({ alg: "none", typ: "at+jwt", kid: signingJwk.kid })}.${base64urlJson(claims)}.`;
    const cases = [
      ["tampered payload (role admin)", `${h}.${base64urlJson({ ...claims, roles: ["admin"] })}.${s}`, "bad_signature"],
      ["wrong audience", ownToken({ aud: "another-api" }), "audience"],
      ["alg none", noneToken, "unsupported_alg"],
      ["a foreign key with the same kid", ownToken({}, { key: Key.fromJwk(privateJwk("ES256", signingJwk.kid)) }), "bad_signature"],
      ["expired", ownToken({ iat: now - 120, exp: now - 60 }, { expiresIn: null }), "expired"],
      ["no exp, issued in 2001", ownToken({ iat: 1_000_000_000 }, { expiresIn: null }), "missing_claim"],
      ["a 100-year token issued now", ownToken({}, { expiresIn: 100 * 365 * 86400 }), "too_old"],
      ["a 100-year token issued in 2001", ownToken({ iat: 1_000_000_000 }, { expiresIn: 100 * 365 * 86400 }), "too_old"],
      ["an ID token (typ JWT)", ownToken({}, { header: { typ: "JWT" } }), "typ"],
      ["the refresh token", tokens.refresh_token, "malformed"],
      ["another issuer", ownToken({ iss: "https://evil.test/" }), "issuer"],
    ];
    for (const [label, token, code] of cases) {
      const result = await me(token);
      assert.equal(result.body?.error, code, `${label}: ${JSON.stringify(result.body)}`);
      assertInvalidToken(result, code);
    }
    assert.equal((await me(`${h}.${p}.${s}`)).status, 200, "the untouched token still passes");
  });

  test("a key of the server that does not suit the token (key_mismatch) reaches the client only as invalid_token; the log has the detail", async () => {
    const edToken = sign({ iss: ISSUER, aud: AUDIENCE, sub: "demo", jti: "x" }, Key.fromJwk(nextJwk), { expiresIn: 600, header: { kid: signingJwk.kid, typ: "at+jwt" } });
    const result = await me(edToken);
    assertInvalidToken(result, "invalid_token");
    assert.doesNotMatch(result.response.headers.get("www-authenticate"), /mismatch|ES256|P-256/);
    await waitForLog(worker, /key_mismatch/);
  });

  test("key rotation: a token signed by the published next key (EdDSA) passes", async () => {
    const token = sign({ iss: ISSUER, aud: AUDIENCE, sub: "demo", roles: [], jti: "n" }, Key.fromJwk(nextJwk), { expiresIn: 600, header: { kid: nextJwk.kid, typ: "at+jwt" } });
    const { status, body } = await me(token);
    assert.equal(status, 200, JSON.stringify(body));
  });

  test("a route's required role: 403 insufficient_scope without it, 200 with it", async () => {
    const demo = (await login("demo")).body.access_token;
    const forbidden = await call("/api/admin", { token: demo });
    assert.equal(forbidden.status, 403);
    assert.deepEqual(forbidden.body, { error: "insufficient_scope" });
    assert.match(forbidden.response.headers.get("www-authenticate"), /error="insufficient_scope"/);
    const root = (await login("root")).body.access_token;
    assert.equal((await call("/api/admin", { token: root })).status, 200);
  });

  test("a wrong method is 405 with Allow; an unknown path 404", async () => {
    const wrong = await call("/auth/login");
    assert.equal(wrong.status, 405);
    assert.equal(wrong.response.headers.get("allow"), "POST");
    assert.equal((await call("/api/me", { method: "POST", body: "{}" })).status, 405);
    assert.equal((await call("/nowhere")).status, 404);
  });

  test("refresh: a new pair, the presented token used up; presenting it again revokes the whole family (reuse detection)", async () => {
    const first = (await login("demo")).body;
    const second = await refresh(first.refresh_token);
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.deepEqual(Object.keys(second.body).sort(), ["access_token", "expires_in", "refresh_expires_in", "refresh_token", "token_type"]);
    assert.notEqual(second.body.refresh_token, first.refresh_token);
    assert.notEqual(second.body.access_token, first.access_token);
    assert.equal((await me(second.body.access_token)).status, 200);
    const third = await refresh(second.body.refresh_token);
    assert.equal(third.status, 200, "the rotated token refreshes once");

    const reused = await refresh(first.refresh_token);
    assert.equal(reused.status, 401);
    assert.deepEqual(reused.body, { error: "invalid_grant" });
    const afterReuse = await refresh(third.body.refresh_token);
    assert.equal(afterReuse.status, 401, "the family's live token is revoked by the reuse");

    const otherLogin = (await login("demo")).body;
    assert.equal((await refresh(otherLogin.refresh_token)).status, 200, "another login of the same user is another family");
    for (const bad of ["nonsense", `${"0".repeat(64)}.${"A".repeat(43)}`, first.refresh_token.replace(/.$/, "x")]) {
      const result = await refresh(bad);
      assert.equal(result.status, 401, bad);
      assert.deepEqual(result.body, { error: "invalid_grant" });
    }
  });

  test("logout: 204, then the family can no longer refresh; a second logout is 401", async () => {
    const tokens = (await login("demo")).body;
    const rotated = (await refresh(tokens.refresh_token)).body;
    const out = await logout(rotated.refresh_token);
    assert.equal(out.status, 204);
    assert.equal((await refresh(rotated.refresh_token)).status, 401);
    const again = await logout(rotated.refresh_token);
    assert.equal(again.status, 401);
    assert.deepEqual(again.body, { error: "invalid_grant" });
  });

  test("10 concurrent refreshes of one token: exactly one succeeds", async () => {
    const tokens = (await login("demo")).body;
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(tokens.refresh_token)));
    const statuses = results.map((result) => result.status).sort();
    assert.deepEqual(statuses, [200, ...Array(9).fill(401)]);
  });

  test("requests per second of GET /api/me under wrangler dev (reported, not asserted)", async (t) => {
    const REQUESTS = 2000;
    const CONCURRENCY = 16;
    const token = (await login("demo")).body.access_token;
    let sent = 0;
    let ok = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < REQUESTS) {
          sent += 1;
          const response = await fetch(`${worker.origin}/api/me`, { headers: { authorization: `Bearer ${token}` } });
          await response.arrayBuffer();
          if (response.status === 200) ok += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    assert.equal(ok, REQUESTS, "every request was answered 200");
    t.diagnostic(`GET /api/me (ES256 verify): ${Math.round(REQUESTS / seconds)} requests/s, ${REQUESTS} requests, ${CONCURRENCY} concurrent, wrangler dev on this machine`);
  });

  test("CORS: a preflight from an allowed origin is answered before authentication; others are refused; responses carry the origin", async () => {
    const preflight = (origin) =>
      fetch(`${worker.origin}/api/me`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET", "access-control-request-headers": "authorization" } });
    const allowed = await preflight(ALLOWED_ORIGIN);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get("access-control-allow-origin"), ALLOWED_ORIGIN);
    assert.match(allowed.headers.get("access-control-allow-headers"), /authorization/);
    assert.match(allowed.headers.get("access-control-allow-methods"), /GET/);
    assert.equal(allowed.headers.get("access-control-allow-credentials"), null, "no cookies, no credentials");
    const refused = await preflight("https://evil.test");
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get("access-control-allow-origin"), null);
    await refused.arrayBuffer();
    const denied = await call("/api/me", { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(denied.status, 401);
    assert.equal(denied.response.headers.get("access-control-allow-origin"), ALLOWED_ORIGIN);
    assert.match(denied.response.headers.get("access-control-expose-headers"), /www-authenticate/);
  });

  test("an external identity provider's JWKS on loopback: fetched once, refetched once on a rotated kid, not on every request", async () => {
    const before = jwksServer.hits;
    for (let i = 0; i < 3; i += 1) {
      const { status, body } = await me(idpToken(idpKeys[0]));
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.claims.iss, IDP_ISSUER);
    }
    assert.equal(jwksServer.hits - before, 1, "one fetch for three requests");
    jwksServer.keys = idpKeys.map((key) => ({ ...Key.fromJwk(key).toJwk(), kid: key.kid }));
    for (let i = 0; i < 3; i += 1) assert.equal((await me(idpToken(idpKeys[1]))).status, 200);
    assert.equal(jwksServer.hits - before, 2, "one refetch for the new kid");
    const unknown = await me(idpToken({ ...privateJwk("ES256", "idp-unknown") }));
    assertInvalidToken(unknown, "key_not_found");
    assert.equal(jwksServer.hits - before, 2, "no refetch within the cooldown");
    const wrongAudience = await me(idpToken(idpKeys[1], { aud: AUDIENCE }));
    assertInvalidToken(wrongAudience, "audience");
  });

  test("restart of workerd on the same state: refresh tokens keep working, used ones stay used; a cold isolate reads the JWKS from the Cache API store; a short TTL expires", async (t) => {
    const live = (await login("demo")).body;
    const used = (await login("demo")).body;
    const usedNext = (await refresh(used.refresh_token)).body;
    const hitsBefore = jwksServer.hits;
    await worker.stop();
    worker = await start({ ACCESS_TTL_SECONDS: "1" });

    const refreshed = await refresh(live.refresh_token);
    assert.equal(refreshed.status, 200, "a refresh token issued before the restart");
    assert.equal((await refresh(used.refresh_token)).status, 401, "a used token stays used");
    assert.equal((await refresh(usedNext.refresh_token)).status, 401, "and its reuse revoked the family, as before the restart");

    assert.equal((await me(idpToken(idpKeys[1]))).status, 200);
    assert.equal(jwksServer.hits, hitsBefore, "the new isolate read the set from the Cache API, not from the server");

    // A key rotated in at the provider, asked for by 8 concurrent requests: none is refused
    // while another request's fetch is in flight (each request may fetch once; workerd
    // forbids sharing one request's fetch with another).
    const third = privateJwk("ES256", "idp-3");
    jwksServer.keys = [...idpKeys, third].map((key) => ({ ...Key.fromJwk(key).toJwk(), kid: key.kid }));
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => me(idpToken(third))));
    assert.deepEqual(concurrent.map((result) => result.status), Array(8).fill(200), JSON.stringify(concurrent.map((result) => result.body)));
    const fetches = jwksServer.hits - hitsBefore;
    assert.ok(fetches >= 1 && fetches <= 8, `${fetches} fetches for 8 concurrent requests`);
    t.diagnostic(`8 concurrent requests with a new kid in workerd: ${fetches} JWKS fetch(es)`);

    const short = (await login("demo")).body;
    assert.equal(short.expires_in, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await me(short.access_token);
    assertInvalidToken(expired, "expired");
  });
});

describe("examples/edge configuration faults and deployment", { timeout: 300_000 }, () => {
  test("a bad SIGNING_KEY: the token routes answer 500 server_misconfigured, the log says why, nothing echoes the key", async () => {
    const publicOnly = JSON.stringify(Key.fromJwk(privateJwk("ES256", "k")).toJwk());
    const worker = await startWrangler({ name: "edge-misconfigured", files: edgeFiles(), devVars: { SIGNING_KEY: publicOnly, USERS: "{}" } });
    try {
      for (const route of ["/.well-known/jwks.json", "/api/me"]) {
        const response = await fetch(`${worker.origin}${route}`, { headers: { authorization: "Bearer a.b.c" } });
        const text = await response.text();
        assert.equal(response.status, 500, `${route}: ${text}`);
        assert.deepEqual(JSON.parse(text), { error: "server_misconfigured" });
      }
      await waitForLog(worker, /SIGNING_KEY: must be a private key/);
      assert.ok(!worker.output.join("").includes(JSON.parse(publicOnly).x), "the log does not contain the key");
    } finally {
      await worker.stop();
    }
  });

  test("wrangler deploy --dry-run succeeds for the example", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-edge-deploy-"));
    try {
      for (const [destination, source] of Object.entries(edgeFiles())) await cp(source, path.join(dir, destination), { recursive: true });
      await installPackage(dir);
      const { stdout } = await promisify(execFile)(
        path.join(REPO_DIR, "node_modules", ".bin", "wrangler"),
        ["deploy", "--dry-run", "--outdir", path.join(dir, "out")],
        { cwd: dir, env: { ...process.env, WRANGLER_SEND_METRICS: "false", XDG_CONFIG_HOME: path.join(dir, "config") } },
      );
      assert.match(stdout, /--dry-run: exiting now/);
      assert.match(stdout, /env\.ACCOUNTS \(Account\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("npm run edge, the README walk-through and adding a user", { timeout: 300_000 }, () => {
  test("the curl commands of the README's walk-through work as printed against examples/edge/scripts/edge.mjs; a user added by add-user.mjs logs in", async () => {
    const readme = readFileSync(path.join(REPO_DIR, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## At the edge"));
    const walkThrough = [...section.matchAll(/```sh\n([\s\S]*?)```/g)][1][1];
    const dir = await mkdtemp(path.join(tmpdir(), "wasm-jwt-edge-readme-"));
    try {
      const scriptEnv = { ...process.env, EDGE_STATE_DIR: path.join(dir, "state") };
      // The documented command adds a user, from any directory, before the first start.
      await promisify(execFile)(process.execPath, [path.join(EXAMPLE_EDGE_DIR, "scripts", "add-user.mjs"), "alice", "admin"], {
        cwd: dir,
        env: { ...scriptEnv, EDGE_PASSWORD: "alice-passphrase" },
      });
      const edge = await startEdgeScript(dir, { ...scriptEnv, XDG_CONFIG_HOME: path.join(dir, "config") });
      try {
        const script = walkThrough.replaceAll("127.0.0.1:8787", `127.0.0.1:${edge.port}`);
        const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], { cwd: dir });
        const lines = stdout.trim().split("\n");
        assert.equal(lines.length, 3, stdout);
        assert.match(lines[0], /^\{"claims":\{"iat":\d+,"exp":\d+,"iss":"wasm-jwt-edge","aud":"wasm-jwt-edge-api","sub":"demo","roles":\["user"\],"jti":"[^"]+"\}\}$/);
        assert.equal(lines[1], '{"error":"invalid_grant"}');
        assert.equal(lines[2], "204");
        const alice = await fetch(`http://127.0.0.1:${edge.port}/auth/login`, { method: "POST", body: JSON.stringify({ username: "alice", password: "alice-passphrase" }) });
        assert.equal(alice.status, 200, "the user added by scripts/add-user.mjs logs in");
        assert.deepEqual(decode((await alice.json()).access_token).payload.roles, ["admin"]);
      } finally {
        await edge.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Starts examples/edge/scripts/edge.mjs (what `npm run edge` runs) in `dir` on a free port
 * and waits until it serves; resolves to `{ port, stop }`. A port found free can be taken
 * before wrangler binds it: then the script exits with "Address already in use", and it is
 * started again on another port (as startWrangler does).
 */
async function startEdgeScript(dir, env) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(EXAMPLE_EDGE_DIR, "scripts", "edge.mjs")], {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...env, PORT: String(port) },
    });
    const output = [];
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => output.push(chunk.toString()));
    const stop = async () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve)));
      try {
        process.kill(-child.pid, "SIGKILL"); // any workerd left in the group
      } catch {}
    };
    const deadline = Date.now() + 90_000;
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) })).ok) return { port, stop };
      } catch {}
      if (child.exitCode !== null || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await stop();
    if (attempt < 3 && output.join("").includes("Address already in use")) continue;
    assert.fail(`npm run edge's script did not serve:\n${output.join("")}`);
  }
}

/** Waits (bounded) for wrangler's output to show `pattern`: logs arrive asynchronously. */
async function waitForLog(worker, pattern, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(worker.output.join(""))) {
    if (Date.now() > deadline) assert.fail(`wrangler's output did not show ${pattern} within ${timeoutMs} ms:\n${worker.output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
