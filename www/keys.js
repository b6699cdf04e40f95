// Turning what a person pastes into wasm-jwt keys, and keys back into text.
// The parsing itself is the package's (Key.fromJwk, Key.fromPem, KeySet.fromJwks);
// this module only decides which reader a text is meant for.

import { base64urlToBytes } from "./token-view.js";

// The example secret is 64 bytes so that it suits HS512 too.
export const EXAMPLE_SECRET = "wasm-jwt example secret: published in this page, never use it!!!";

// Members of a private JWK (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

export const isPem = (text) => text.trimStart().startsWith("-----BEGIN");

// A secret's bytes (for length checks) and the value verify/sign take.
export function secretFrom(text, encoding) {
  if (encoding === "base64url") {
    const bytes = base64urlToBytes(text.trim());
    return { value: bytes, bytes: bytes.length };
  }
  return { value: text, bytes: new TextEncoder().encode(text).length, text };
}

// A Key or KeySet from PEM, JWK or JWKS text. The caller frees it.
export function keyFromText(jwt, text) {
  const trimmed = text.trim();
  if (isPem(trimmed)) {
    if (typeof jwt.Key.fromPem !== "function") throw new Error("This build of wasm-jwt reads keys as JWK or JWKS; paste the key as a JWK.");
    return jwt.Key.fromPem(trimmed);
  }
  let parsed;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    throw new Error("Paste a PEM block (-----BEGIN PUBLIC KEY-----), a JWK ({\"kty\": ...}) or a JWKS ({\"keys\": [...]}).");
  }
  return Array.isArray(parsed?.keys) ? jwt.KeySet.fromJwks(trimmed) : jwt.Key.fromJwk(trimmed);
}

// True when the text holds private key material, which must never go into a share link.
export function holdsPrivateKey(text) {
  if (isPem(text)) return /PRIVATE KEY/.test(text);
  try {
    const parsed = JSON.parse(text);
    const keys = Array.isArray(parsed?.keys) ? parsed.keys : [parsed];
    return keys.some((jwk) => PRIVATE_JWK_MEMBERS.some((m) => jwk && m in jwk));
  } catch {
    return true; // unreadable text: do not risk sharing it
  }
}

// The public half of a private key, as the text the Verify panel takes.
export function publicKeyText(key, privateText) {
  if (typeof key.toJwk === "function") return JSON.stringify(key.toJwk({ private: false }), null, 2);
  const jwk = JSON.parse(privateText);
  for (const member of PRIVATE_JWK_MEMBERS) delete jwk[member];
  return JSON.stringify(jwk, null, 2);
}

// A generated private key as JWK text for the Encode panel.
export function privateKeyText(key) {
  return JSON.stringify(key.toJwk({ private: true }), null, 2);
}
