// Encrypted tokens (JWE, RFC 7516) in the page: the algorithms the Encode tab offers, and the
// loading of wasm-jwt/jwe with the page's code for it (jwe-crypto.js). The JWE build is a module
// of its own (its wasm file larger than the signing build's), imported through the import map
// only when a five-part token is pasted or the Encode tab is asked for one, so that a visit
// with signed tokens only fetches neither.

// What the Encode tab offers: key management (with the secret's length, or the key pair
// Key.generate makes) and content encryption (with the length of a dir secret).
export const KEY_MANAGEMENT = [
  { name: "dir", secretBytes: "enc" }, { name: "A128KW", secretBytes: 16 }, { name: "A192KW", secretBytes: 24 }, { name: "A256KW", secretBytes: 32 },
  { name: "A128GCMKW", secretBytes: 16 }, { name: "A192GCMKW", secretBytes: 24 }, { name: "A256GCMKW", secretBytes: 32 },
  { name: "ECDH-ES", pair: "ES256" }, { name: "ECDH-ES+A128KW", pair: "ES256" }, { name: "ECDH-ES+A192KW", pair: "ES256" }, { name: "ECDH-ES+A256KW", pair: "ES256" },
  { name: "RSA-OAEP", pair: "RS256" }, { name: "RSA-OAEP-256", pair: "RS256" },
];
export const CONTENT_ENCRYPTION = [
  { name: "A128GCM", keyBytes: 16 }, { name: "A192GCM", keyBytes: 24 }, { name: "A256GCM", keyBytes: 32 },
  { name: "A128CBC-HS256", keyBytes: 32 }, { name: "A192CBC-HS384", keyBytes: 48 }, { name: "A256CBC-HS512", keyBytes: 64 },
];

// { build, assessJwe, encryptFor, newKeyText } once loaded, else null.
let loaded = null;
let loading;

export const loadedJwe = () => loaded;

export function loadJwe() {
  loading ??= Promise.all([import("wasm-jwt/jwe"), import("./jwe-crypto.js")]).then(([build, code]) => (loaded = { build, ...code }));
  return loading;
}
