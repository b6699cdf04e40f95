// Secrets and tokens made by other libraries, for interop and API tests.
import { createHmac } from "node:crypto";
import { SignJWT } from "jose";

/** The shortest secret RFC 7518 3.2 allows for each HMAC algorithm (its hash length). */
export const HASH_BYTES = { HS256: 32, HS384: 48, HS512: 64 };

/** A printable secret of exactly `bytes` UTF-8 bytes, different for each length. */
export function secretOf(bytes) {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: bytes }, (_, i) => alphabet[(i * 7 + bytes) % alphabet.length]).join("");
}

/** Seconds since 1970, whole. */
export function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/** A token signed by jose with an HMAC secret (string or bytes). */
export function signWithJose(payload, secret, { alg = "HS256", header = {} } = {}) {
  const key = typeof secret === "string" ? new TextEncoder().encode(secret) : secret;
  return new SignJWT(payload).setProtectedHeader({ alg, ...header }).sign(key);
}

/** The token with one bit of its signature flipped (still valid base64url of the same length). */
export function flipSignatureBit(token) {
  const dot = token.lastIndexOf(".");
  const signature = Buffer.from(token.slice(dot + 1), "base64url");
  signature[0] ^= 0x01;
  return token.slice(0, dot + 1) + signature.toString("base64url");
}

/** base64url of a JSON value, for hand-made tokens. */
export function segment(value) {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}

/** A token with any header and payload (even ones `sign` refuses), HMAC-SHA-256 signed with node:crypto. */
export function hs256Token(header, payload, secret) {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
}
