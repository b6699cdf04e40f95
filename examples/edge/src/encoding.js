// base64url and SHA-256 over WebCrypto: the Worker runs without Node's Buffer.

export function toBase64url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function randomBase64url(byteCount) {
  return toBase64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

/** SHA-256 of a string's UTF-8 bytes, base64url. */
export async function sha256(text) {
  return toBase64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/** Equal-length byte arrays compared in time independent of where they differ. */
export function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
