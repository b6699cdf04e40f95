// Risks worth a visible warning: unsigned tokens, tokens that name their own key,
// and HMAC secrets that are short or well known.

import { algorithmNamed } from "./algorithms.js";

// Secrets copied from tutorials and defaults; anyone can sign tokens with them.
const KNOWN_SECRETS = new Set([
  "secret", "secretkey", "secret_key", "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret",
  "a-string-secret-at-least-256-bits-long", "changeme", "password", "jwt_secret", "jwtsecret", "shhhhh",
  "keyboard cat", "supersecret", "mysecret", "my-secret", "default", "test", "key",
]);

const SELF_KEY_HEADERS = {
  jwk: "embeds its own public key (jwk)",
  jku: "points at a key set URL of its own choosing (jku)",
  x5u: "points at a certificate URL of its own choosing (x5u)",
  x5c: "embeds its own certificate chain (x5c)",
};

export function headerWarnings(header) {
  const warnings = [];
  if (typeof header.alg === "string" && header.alg.toLowerCase() === "none") {
    warnings.push({
      id: "alg-none",
      title: "alg: none — this token is not signed",
      text: "Anyone can write a token like this. wasm-jwt's verify never accepts it; a verifier that does lets any client claim to be anyone.",
    });
  }
  for (const [name, what] of Object.entries(SELF_KEY_HEADERS)) {
    if (!(name in header)) continue;
    warnings.push({
      id: `header-${name}`,
      title: `The token ${what}`,
      text: `A verifier that trusts a key the token supplies will accept a token an attacker signed with their own key. wasm-jwt ignores "${name}"; verify only with keys from your own configuration.`,
    });
  }
  return warnings;
}

// `secretBytes` is the secret's length in bytes, `text` its UTF-8 text when typed as text.
export function secretWarnings(algName, secretBytes, text, exampleSecret) {
  const algorithm = algorithmNamed(algName);
  const warnings = [];
  if (algorithm?.family === "hmac" && secretBytes < algorithm.secretBytes) {
    warnings.push({
      id: "weak-secret",
      title: `Weak secret: ${secretBytes} bytes, ${algorithm.name} needs at least ${algorithm.secretBytes}`,
      text: `An HMAC secret shorter than the hash output (RFC 7518 §3.2) can be guessed offline from a single token. wasm-jwt refuses it (weak_key). Use "Generate" for ${algorithm.secretBytes} random bytes.`,
    });
  }
  if (text !== undefined && text === exampleSecret) {
    warnings.push({ id: "example-secret", title: "This is the page's public example secret", text: "It ships with this page, so anyone can sign tokens with it. Never use it for real tokens." });
  } else if (text !== undefined && KNOWN_SECRETS.has(text.trim().toLowerCase())) {
    warnings.push({ id: "known-secret", title: "Well-known secret", text: "This secret appears in tutorials and defaults; attackers try it first. Use random bytes instead." });
  }
  return warnings;
}
