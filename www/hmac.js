// HMAC in the browser's Web Crypto, independently of wasm-jwt: the How-it-works tab
// recomputes a signature with it, and the verdict checks with it a secret the library's
// policy refuses (shorter than the hash, RFC 7518 §3.2), as legacy tokens need.

import { base64urlToBytes, bytesToBase64url } from "./token-view.js";

const encoder = new TextEncoder();

function importSecret(hash, secret, usage) {
  const bytes = typeof secret === "string" ? encoder.encode(secret) : secret;
  return crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash }, false, [usage]);
}

export async function hmacBase64url(hash, secret, signingInput) {
  const key = await importSecret(hash, secret, "sign");
  return bytesToBase64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(signingInput))));
}

// True when `signature` (base64url) is the HMAC of the signing input; Web Crypto's verify
// compares the MACs itself.
export async function hmacMatches(hash, secret, signingInput, signature) {
  const key = await importSecret(hash, secret, "verify");
  return crypto.subtle.verify("HMAC", key, base64urlToBytes(signature), encoder.encode(signingInput));
}
