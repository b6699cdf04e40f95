// The guard of /api/ routes: a bearer access token (RFC 6750) of this Worker, or of the
// external identity provider when one is configured, checked strictly (see config.js:
// typ at+jwt, exp, iat within maxAge, iss, aud, the allowed algorithms).
import { JwtError, decode, verifyAsync } from "wasm-jwt/sign";

import { need } from "./config.js";
import { json } from "./http.js";

// Faults of this server's keys or of its link to the identity provider, not of the token:
// they would tell a caller what key the server holds, so the client sees invalid_token only.
const SERVER_FAULTS = new Set(["weak_key", "key_mismatch", "invalid_key", "internal", "jwks_fetch", "invalid_option"]);

/** `{ claims }` of a valid token, or `{ response }`: 401 (or 500 when the configuration is broken). */
export async function authenticate(request, config) {
  const token = bearerToken(request.headers.get("authorization"));
  if (token === null) return { response: json(401, { error: "missing_token" }, { "www-authenticate": 'Bearer realm="api"' }) };
  try {
    return { claims: (await verifyToken(token, config)).payload };
  } catch (error) {
    if (!(error instanceof JwtError)) throw error;
    if (SERVER_FAULTS.has(error.code)) {
      console.error(`wasm-jwt edge: a token could not be checked: ${error.code}: ${error.message}`);
      return { response: invalidToken("invalid_token", "the token could not be verified") };
    }
    return { response: invalidToken(error.code, error.message) };
  }
}

/**
 * Checks the token against the external provider when it names that issuer, else this
 * Worker's keys; verifyAsync lets WebCrypto check ES256 signatures.
 */
async function verifyToken(token, config) {
  const external = need(config.external);
  if (external !== undefined && unverifiedIssuer(token) === external.issuer) {
    return verifyAsync(token, external.keySet, external.verifyOptions);
  }
  const { keySet, verifyOptions } = need(config.signing);
  const verified = await verifyAsync(token, keySet, verifyOptions);
  // maxAge bounds the age; this bounds the lifetime, so that no token of ours outlives ACCESS_TTL_SECONDS.
  const { exp, iat } = verified.payload;
  if (exp - iat > verifyOptions.maxAge) {
    throw new JwtError("too_old", `the token's lifetime (exp - iat = ${exp - iat} s) is longer than access tokens live (${verifyOptions.maxAge} s)`, { claim: "exp" });
  }
  return verified;
}

/** Only to choose which keys to check with; nothing from it is trusted. */
function unverifiedIssuer(token) {
  try {
    return decode(token).payload.iss;
  } catch {
    return undefined; // verify reports what is wrong with the token
  }
}

/** The token of `Authorization: Bearer <token>`, or null. */
function bearerToken(header) {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? "");
  return match ? match[1] : null;
}

function invalidToken(code, description) {
  return json(401, { error: code }, { "www-authenticate": `Bearer realm="api", error="invalid_token", error_description="${quotable(description)}"` });
}

/** RFC 6750 3: error_description is printable ASCII without " and \. */
function quotable(text) {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "?").slice(0, 200);
}

/** 403 insufficient_scope (RFC 6750 3.1) unless the claims grant `role`. */
export function requireRole(claims, role) {
  if (Array.isArray(claims.roles) && claims.roles.includes(role)) return null;
  return json(403, { error: "insufficient_scope" }, { "www-authenticate": `Bearer realm="api", error="insufficient_scope", scope="${role}"` });
}
