// Turning what a person pastes into wasm-jwt keys, and keys back into text.
// The parsing itself is the package's (Key.fromJwk, Key.fromPem, KeySet.fromJwks);
// this module only decides which reader a text is meant for.

import { base64urlToBytes } from "./token-view.js";

// The example secret is 64 bytes so that it suits HS512 too.
export const EXAMPLE_SECRET = "wasm-jwt example secret: published in this page, never use it!!!";

// Members of a private JWK (RFC 7518 §6.2.2, §6.3.2; RFC 8037 §2).
const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

export const isPem = (text) => text.trimStart().startsWith("-----BEGIN");

const ENCODING_NAMES = { utf8: "UTF-8 text", base64url: "base64url bytes", base64: "base64 bytes" };
export const encodingName = (encoding) => ENCODING_NAMES[encoding];

// Standard base64 (RFC 4648 §4) as `openssl rand -base64 32` prints it: + and /, = padding.
function base64ToBytes(text) {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new Error("it is not standard base64: A–Z, a–z, 0–9, + and /, padded with = to a multiple of 4 characters");
  }
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

// A secret's bytes (for length checks) and the value verify/sign take.
export function secretFrom(text, encoding) {
  if (encoding === "base64url" || encoding === "base64") {
    const bytes = (encoding === "base64" ? base64ToBytes : base64urlToBytes)(text.trim());
    return { value: bytes, bytes: bytes.length, encoding };
  }
  return { value: text, bytes: new TextEncoder().encode(text).length, text, encoding: "utf8" };
}

// The readings of a secret to try, in order. "detect" tries the text as UTF-8 first (most
// libraries use the string as it is), then as the bytes it encodes when it reads as base64.
export function secretCandidates(text, encoding) {
  if (encoding !== "detect") return [secretFrom(text, encoding)];
  const candidates = [secretFrom(text, "utf8")];
  for (const other of ["base64", "base64url"]) {
    try {
      candidates.push(secretFrom(text, other));
      break;
    } catch {
      // Not this encoding.
    }
  }
  return candidates;
}

// A PEM block whose line breaks became spaces (pasted through a one-line field): the
// body re-wrapped at 64 characters. Returns the text unchanged when nothing needs it.
export function repairPem(text) {
  const match = /^\s*-----BEGIN ([A-Z0-9 ]+)-----\s*([\s\S]*?)\s*-----END \1-----\s*$/.exec(text);
  if (!match || /\n/.test(match[2]) || !/ /.test(match[2])) return { text, repaired: false };
  const body = match[2].replace(/\s+/g, "").match(/.{1,64}/g)?.join("\n") ?? "";
  return { text: `-----BEGIN ${match[1]}-----\n${body}\n-----END ${match[1]}-----\n`, repaired: true };
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
