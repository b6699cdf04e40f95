// A Cloudflare Worker whose /api/ routes need a valid JWT, checked with wasm-jwt.
//
// Keys come from the environment, exactly one of:
//   JWT_SECRET  an HMAC secret (HS256/384/512), set with `wrangler secret put JWT_SECRET`
//   JWKS        a JSON Web Key Set (your identity provider's public keys, or oct keys)
// Optional: JWT_ISSUER and JWT_AUDIENCE (comma-separated lists) that tokens must match.
import { sign, verify, Key, KeySet, JwtError } from "wasm-jwt";

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (!pathname.startsWith("/api/")) {
      return json(200, { service: "wasm-jwt worker example", protected: "/api/*", try: "GET /api/me with Authorization: Bearer <token>" });
    }
    const verifier = verifierFor(env);
    if (!verifier.ok) {
      return json(500, { error: "server_misconfigured", message: "the Worker's JWT settings are invalid; its log says why" });
    }
    const auth = authenticate(request, verifier);
    if (!auth.ok) return auth.response;
    if (pathname === "/api/me") return json(200, { claims: auth.claims });
    return json(404, { error: "not_found" });
  },
};

/** Checks the request's bearer token: `{ ok: true, claims }` or `{ ok: false, response }` (a 401). */
function authenticate(request, verifier) {
  const token = bearerToken(request.headers.get("Authorization"));
  if (token === null) {
    return { ok: false, response: unauthorized({ error: "missing_token", message: "send Authorization: Bearer <token>" }, "Bearer") };
  }
  try {
    return { ok: true, claims: verify(token, verifier.key, verifier.options).payload };
  } catch (error) {
    if (!(error instanceof JwtError)) throw error;
    return { ok: false, response: unauthorized(describe(error), 'Bearer error="invalid_token"') };
  }
}

/** The 401 body: the error code, and where the token is at fault, the details. */
function describe({ code, message, part, offset, claim }) {
  if (code === "weak_key") {
    // The token asks for an HMAC algorithm stronger than the configured secret allows
    // (HS512 against a 32-byte secret): a fault of this server's configuration, not of
    // the caller's token, so the details go to the log only.
    console.warn(`wasm-jwt worker example: ${message}`);
    return { error: code, message: "this server's key cannot verify a token with this algorithm" };
  }
  return { error: code, message, part, offset, claim };
}

/** The token of an `Authorization: Bearer <token>` header, or null. Everything after the
 * scheme goes to verify, so stray characters are reported by it, located in the token. */
function bearerToken(header) {
  const match = /^Bearer +(.+)$/i.exec(header ?? "");
  return match ? match[1] : null;
}

// The key is built once per isolate and reused across requests: parsing a JWKS or
// preparing an HMAC key is work worth doing once. A changed configuration rebuilds it.
let cached = { secret: undefined, jwks: undefined, verifier: undefined };

function verifierFor(env) {
  const { JWT_SECRET: secret, JWKS: jwks } = env;
  if (cached.verifier && cached.secret === secret && cached.jwks === jwks) return cached.verifier;
  cached.verifier?.key?.free();
  cached = { secret, jwks, verifier: buildVerifier(env) };
  if (!cached.verifier.ok) console.error(`wasm-jwt worker example: ${cached.verifier.message}`);
  return cached.verifier;
}

function buildVerifier({ JWT_SECRET: secret, JWKS: jwks, JWT_ISSUER: issuer, JWT_AUDIENCE: audience }) {
  if (Boolean(secret) === Boolean(jwks)) {
    return { ok: false, message: "set exactly one of JWT_SECRET and JWKS" };
  }
  const options = {};
  if (issuer) options.issuer = list(issuer);
  if (audience) options.audience = list(audience);
  let key;
  try {
    key = secret ? Key.hmac(secret) : KeySet.fromJwks(jwks);
    // Signing once shows a secret too short even for HS256 now, instead of as a 401 on
    // every request.
    if (secret) sign({}, key);
    return { ok: true, key, options };
  } catch (error) {
    key?.free();
    if (!(error instanceof JwtError)) throw error;
    // For the log only: the message names the problem (e.g. weak_key) and never
    // contains key material, but a secret's length is still nobody else's business.
    return { ok: false, message: `${secret ? "JWT_SECRET" : "JWKS"}: ${error.code}: ${error.message}` };
  }
}

function list(commaSeparated) {
  return commaSeparated.split(",").map((item) => item.trim()).filter(Boolean);
}

function unauthorized(body, challenge) {
  return json(401, body, { "WWW-Authenticate": challenge });
}

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
