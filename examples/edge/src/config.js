// The Worker's configuration, read from the environment once per isolate (and again only
// if the environment changes). A fault is a ConfigError: the routes that need the faulty
// part answer 500 server_misconfigured and the log says why, never the client.
//
// This Worker issues tokens, so every module imports wasm-jwt/sign (the signing build: one
// wasm for signing and verifying, and Keys made by one build serve the other modules); a
// Worker that only verifies imports wasm-jwt, a wasm about half the size.
import { Key, KeySet, JwtError, cacheApiStore, createRemoteKeySet } from "wasm-jwt/sign";

import { PBKDF2_ITERATIONS } from "./passwords.js";

export class ConfigError extends Error {}

const SETTINGS = [
  "SIGNING_KEY", "USERS", "TOKEN_ISSUER", "TOKEN_AUDIENCE", "ACCESS_TTL_SECONDS", "REFRESH_TTL_SECONDS", "LEEWAY_SECONDS",
  "ALGORITHMS", "CORS_ALLOWED_ORIGINS", "ADDITIONAL_JWKS", "JWKS_URL", "ISSUER", "AUDIENCE", "EXTERNAL_MAX_AGE_SECONDS", "EXTERNAL_TYP", "EXTERNAL_ALGORITHMS",
];

/** Claims every access token of this Worker carries, and the guard requires. */
const REQUIRED_CLAIMS = ["iss", "aud", "sub", "iat", "exp", "jti"];

let cached = { values: undefined, config: undefined };

/** The configuration for `env`: parsed once, reused while the settings stay the same. */
export function configFor(env) {
  const values = SETTINGS.map((name) => env[name]);
  if (cached.values === undefined || values.some((value, i) => value !== cached.values[i])) {
    cached = { values, config: parse(env) };
  }
  return cached.config;
}

/** Each part parsed on its own, so that one bad setting does not take every route down. */
function parse(env) {
  const part = (name, read) => {
    try {
      return { value: read() };
    } catch (error) {
      const message = `${name}: ${error instanceof JwtError ? `${error.code}: ${error.message}` : error.message}`;
      console.error(`wasm-jwt edge: configuration: ${message}`);
      return { error: new ConfigError(message) };
    }
  };
  const accessTtl = seconds(env.ACCESS_TTL_SECONDS, 1800, "ACCESS_TTL_SECONDS", 1);
  return {
    accessTtl,
    refreshTtl: seconds(env.REFRESH_TTL_SECONDS, 1209600, "REFRESH_TTL_SECONDS", 1),
    corsOrigins: list(env.CORS_ALLOWED_ORIGINS),
    signing: part("SIGNING_KEY", () => signing(env, accessTtl)),
    users: part("USERS", () => users(env.USERS)),
    external: part("JWKS_URL/ISSUER/AUDIENCE", () => external(env)),
  };
}

/** A part's value, or its ConfigError thrown. */
export function need(part) {
  if (part.error) throw part.error;
  return part.value;
}

function seconds(text, fallback, name, min = 0) {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`wasm-jwt edge: configuration: ${name} must be a whole number of seconds >= ${min}; using ${fallback}`);
    return fallback;
  }
  return value;
}

function list(text) {
  return (text ?? "").split(",").map((item) => item.trim()).filter(Boolean);
}

/**
 * The signing key (a private JWK with alg ES256 or EdDSA) with its kid, the JWKS this
 * Worker publishes (the signing key's public half and ADDITIONAL_JWKS: the next key before
 * it signs, the previous one until its tokens have expired), and the guard's options.
 */
function signing(env, accessTtl) {
  if (!env.SIGNING_KEY) throw new Error("not set (a private JWK; npm run edge makes one for local development)");
  const key = Key.fromJwk(env.SIGNING_KEY);
  if (!key.isPrivate) throw new Error("must be a private key");
  const algorithms = list(env.ALGORITHMS);
  if (!algorithms.includes(key.alg)) throw new Error(`its alg (${key.alg ?? "none"}) must be one of ALGORITHMS (${algorithms.join(", ")})`);
  const kid = key.kid ?? key.thumbprint();
  const published = [{ ...key.toJwk(), kid, alg: key.alg, use: "sig" }];
  for (const jwk of env.ADDITIONAL_JWKS ? JSON.parse(env.ADDITIONAL_JWKS).keys : []) {
    // Through Key, so that only public members are ever published.
    const extra = Key.fromJwk(jwk);
    if (!extra.kid || published.some((other) => other.kid === extra.kid)) throw new Error("ADDITIONAL_JWKS: each key needs a kid of its own");
    published.push({ ...extra.toJwk(), kid: extra.kid, alg: extra.alg, use: "sig" });
    extra.free();
  }
  const jwks = { keys: published };
  const issuer = env.TOKEN_ISSUER || "wasm-jwt-edge";
  const audience = env.TOKEN_AUDIENCE || "wasm-jwt-edge-api";
  return {
    key,
    kid,
    issuer,
    audience,
    jwksText: JSON.stringify(jwks),
    keySet: KeySet.fromJwks(jwks),
    verifyOptions: {
      algorithms,
      issuer,
      audience,
      typ: "at+jwt",
      required: REQUIRED_CLAIMS,
      maxAge: accessTtl,
      leeway: seconds(env.LEEWAY_SECONDS, 0, "LEEWAY_SECONDS"),
    },
  };
}

/** USERS: JSON { "<username>": { salt, hash, iterations, roles } } as scripts/add-user.mjs writes it. */
function users(text) {
  if (!text) throw new Error("not set (npm run edge makes the local demo user; scripts/add-user.mjs adds one)");
  const parsed = JSON.parse(text);
  const byName = new Map();
  for (const [name, record] of Object.entries(parsed)) {
    const { salt, hash, iterations, roles = [] } = record ?? {};
    if (typeof salt !== "string" || typeof hash !== "string" || iterations !== PBKDF2_ITERATIONS || !Array.isArray(roles)) {
      throw new Error(`the record of "${name}" must have salt, hash, iterations ${PBKDF2_ITERATIONS} and a roles array`);
    }
    byName.set(name, { salt, hash, iterations, roles: roles.map(String) });
  }
  return byName;
}

/**
 * An external identity provider's tokens (Auth0, Cognito, Keycloak...), accepted when
 * JWKS_URL, ISSUER and AUDIENCE are all set: keys from its JWKS, shared between isolates
 * through the Cache API.
 */
function external(env) {
  const settings = [env.JWKS_URL, env.ISSUER, env.AUDIENCE];
  if (settings.every((value) => !value)) return undefined;
  if (!settings.every(Boolean)) throw new Error("set all three or none");
  return {
    issuer: env.ISSUER,
    keySet: createRemoteKeySet(env.JWKS_URL, { store: cacheApiStore() }),
    verifyOptions: {
      algorithms: list(env.EXTERNAL_ALGORITHMS || "RS256,PS256,ES256,EdDSA"),
      issuer: env.ISSUER,
      audience: list(env.AUDIENCE),
      typ: env.EXTERNAL_TYP || "at+jwt",
      required: ["exp", "iat", "sub"],
      maxAge: seconds(env.EXTERNAL_MAX_AGE_SECONDS, 86400, "EXTERNAL_MAX_AGE_SECONDS", 1),
      leeway: seconds(env.LEEWAY_SECONDS, 0, "LEEWAY_SECONDS"),
    },
  };
}
