// Risks worth a visible warning: unsigned tokens, tokens that name their own key or a
// hostile kid, tokens that are not JWTs, times in milliseconds, and HMAC secrets that are
// short or well known.

import { algorithmNamed } from "./algorithms.js";

// Secrets copied from tutorials and defaults; anyone can sign tokens with them.
const KNOWN_SECRETS = new Set([
  "secret", "secretkey", "secret_key", "your-256-bit-secret", "your-384-bit-secret", "your-512-bit-secret",
  "a-string-secret-at-least-256-bits-long", "changeme", "password", "jwt_secret", "jwtsecret", "shhhhh",
  "keyboard cat", "supersecret", "mysecret", "my-secret", "default", "test", "key",
]);

// Path separators and traversal, quotes, comment and statement marks, NUL.
const KID_INJECTION = /[/\\'";\0|`$]|\.\.|--|\/\*/;
const JWT_TYPE = /^(application\/)?([\w.-]+\+)?jwt$/i;

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
      title: "alg: none — this token is not signed.",
      text: "Anyone can write a token like this. wasm-jwt's verify never accepts it; a verifier that does lets any client claim to be anyone.",
    });
  }
  for (const [name, what] of Object.entries(SELF_KEY_HEADERS)) {
    if (!(name in header)) continue;
    warnings.push({
      id: `header-${name}`,
      title: `The token ${what}.`,
      text: `A verifier that trusts a key the token supplies will accept a token an attacker signed with their own key. wasm-jwt ignores "${name}"; verify only with keys from your own configuration.`,
    });
  }
  if (typeof header.kid === "string" && KID_INJECTION.test(header.kid)) {
    warnings.push({
      id: "kid-injection",
      title: "The key ID (kid) holds path or SQL characters.",
      text: `The kid is ${JSON.stringify(header.kid)}. A server that builds a file path or an SQL query from kid can be made to read a key the attacker knows (a common injection). Look keys up by exact match only, as wasm-jwt's KeySet does.`,
    });
  }
  if (typeof header.typ === "string" && !JWT_TYPE.test(header.typ)) {
    warnings.push({
      id: "typ-not-jwt",
      title: `The header's typ is ${JSON.stringify(header.typ)}: it says this is not a JWT.`,
      text: 'A JWT has typ "JWT" (or a type ending in "+jwt", RFC 8725 §3.11); a token of another type may be meant for another purpose and should not be accepted as a JWT.',
    });
  }
  if (typeof header.cty === "string") {
    const nested = JWT_TYPE.test(header.cty);
    warnings.push({
      id: "cty",
      title: nested ? "The header's cty says the payload is itself a token (a nested JWT)." : `The header's cty is ${JSON.stringify(header.cty)}: the payload is not JWT claims.`,
      text: nested ? "The claims to check are in the inner token, which must be verified too." : "A JWT's payload is a JSON object of claims, which needs no cty (RFC 7519 §5.2); the claims shown may not mean what they seem.",
    });
  }
  return warnings;
}

// Times in JWTs are seconds since 1970; a value past the year 5000 is almost certainly
// milliseconds (Date.now()), which makes a token valid for millennia.
const MILLISECONDS_FROM = 1e11;

export function payloadWarnings(payload) {
  return ["exp", "nbf", "iat"]
    .filter((name) => typeof payload[name] === "number" && payload[name] >= MILLISECONDS_FROM)
    .map((name) => ({
      id: `milliseconds-${name}`,
      title: `The ${name} claim looks like milliseconds.`,
      text: `Its value ${payload[name]}, read as seconds (as RFC 7519 counts), is the year ${Math.floor(1970 + payload[name] / 31_556_952)}; as milliseconds it would be ${new Date(payload[name]).toISOString().replace(".000Z", "Z")}. Divide by 1000.`,
    }));
}

// `secretBytes` is the secret's length in bytes, `text` its UTF-8 text when typed as text.
export function secretWarnings(algName, secretBytes, text, exampleSecret) {
  const algorithm = algorithmNamed(algName);
  const warnings = [];
  if (algorithm?.family === "hmac" && secretBytes < algorithm.secretBytes) {
    warnings.push({
      id: "weak-secret",
      title: `Weak secret: ${secretBytes} bytes, ${algorithm.name} needs at least ${algorithm.secretBytes}.`,
      text: `An HMAC secret shorter than the hash output (RFC 7518 §3.2) can be guessed offline from a single token. wasm-jwt's verify and sign refuse it (weak_key). Sign new tokens with ${algorithm.secretBytes} random bytes:`,
      fix: { id: "generate-secret", label: "Generate a strong secret" },
    });
  }
  if (text !== undefined && text === exampleSecret) {
    warnings.push({ id: "example-secret", title: "This is the page's public example secret.", text: "It ships with this page, so anyone can sign tokens with it. Never use it for real tokens." });
  } else if (text !== undefined && KNOWN_SECRETS.has(text.trim().toLowerCase())) {
    warnings.push({ id: "known-secret", title: "Well-known secret.", text: "This secret appears in tutorials and defaults; attackers try it first. Use random bytes instead." });
  }
  return warnings;
}
