// Passwords: salted PBKDF2-SHA256 through WebCrypto at 100,000 iterations, the most Workers
// allow. Used by the Worker (login) and by scripts/add-user.mjs (Node has the same WebCrypto).
import { constantTimeEqual, fromBase64url, toBase64url } from "./encoding.js";

export const PBKDF2_ITERATIONS = 100_000;
const HASH_BYTES = 32;

async function derive(password, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, HASH_BYTES * 8));
}

/** A user record's password members: { salt, hash, iterations }, salt and hash base64url. */
export async function hashPassword(password) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: toBase64url(salt), hash: toBase64url(await derive(password, salt, PBKDF2_ITERATIONS)), iterations: PBKDF2_ITERATIONS };
}

// Checked against when the user does not exist, so that an unknown user costs the same
// PBKDF2 work as a wrong password and the two cannot be told apart by timing.
const NO_USER = { salt: "bm8tc3VjaC11c2VyLXNhbHQ", hash: toBase64url(new Uint8Array(HASH_BYTES)), iterations: PBKDF2_ITERATIONS };

/** Whether `password` is the user's; `record` undefined (no such user) is false after the same work. */
export async function passwordMatches(password, record) {
  const { salt, hash, iterations } = record ?? NO_USER;
  const derived = await derive(password, fromBase64url(salt), iterations);
  return constantTimeEqual(derived, fromBase64url(hash)) && record !== undefined;
}
