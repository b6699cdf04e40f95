// The seeds' whole system as a Worker: login with a password, 30-minute access tokens
// (ES256 or EdDSA, typ at+jwt), rotating 2-week refresh tokens with reuse detection kept in
// a Durable Object per user, logout, the public JWKS, and a strict guard on /api/ routes
// that also accepts an external identity provider's tokens. See README.md for the contract.
import { authenticate, requireRole } from "./guard.js";
import { login, logout, refresh } from "./auth.js";
import { ConfigError, configFor, need } from "./config.js";
import { json, preflight, withCors } from "./http.js";

export { Account } from "./account.js";

const ROUTES = {
  "/": { GET: home },
  "/.well-known/jwks.json": { GET: jwks },
  "/auth/login": { POST: login },
  "/auth/refresh": { POST: refresh },
  "/auth/logout": { POST: logout },
  "/api/me": { GET: me },
  "/api/admin": { GET: admin },
};

export default {
  async fetch(request, env) {
    const config = configFor(env);
    const answer = preflight(request, config.corsOrigins) ?? (await route(request, env, config));
    return withCors(request, answer, config.corsOrigins);
  },
};

async function route(request, env, config) {
  const { pathname } = new URL(request.url);
  const methods = Object.hasOwn(ROUTES, pathname) ? ROUTES[pathname] : undefined;
  if (methods === undefined) return json(404, { error: "not_found" });
  const handler = Object.hasOwn(methods, request.method) ? methods[request.method] : undefined;
  if (handler === undefined) return json(405, { error: "method_not_allowed" }, { allow: Object.keys(methods).join(", ") });
  try {
    return await handler(request, env, config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return json(500, { error: "server_misconfigured" }); // the log has said why (config.js)
  }
}

function home() {
  return json(200, {
    service: "wasm-jwt edge example",
    routes: ["GET /.well-known/jwks.json", "POST /auth/login", "POST /auth/refresh", "POST /auth/logout", "GET /api/me", "GET /api/admin"],
  });
}

function jwks(request, env, config) {
  return new Response(need(config.signing).jwksText, {
    headers: { "content-type": "application/jwk-set+json", "cache-control": "public, max-age=300" },
  });
}

async function me(request, env, config) {
  const { claims, response } = await authenticate(request, config);
  return response ?? json(200, { claims });
}

/** A route that needs the role "admin": 403 insufficient_scope without it. */
async function admin(request, env, config) {
  const { claims, response } = await authenticate(request, config);
  return response ?? requireRole(claims, "admin") ?? json(200, { admin: true, sub: claims.sub });
}
