// Every JWS algorithm the page knows how to present. The page shows only those the
// loaded wasm-jwt build supports (see `supportedAlgorithms`), so each family appears
// here as soon as the package implements it. HMAC comes first: it is the foundation.

const HMAC = {
  family: "hmac",
  keyKind: "secret",
  summary: "HMAC: one shared secret both signs and verifies, so every verifier can also sign.",
};
const RSA = {
  family: "rsa",
  keyKind: "keypair",
  exampleKey: "rsa",
  summary: "RSA PKCS#1 v1.5: the issuer signs with its private key; anyone with the public key can verify, no one else can sign.",
};
const PSS = {
  family: "rsa-pss",
  keyKind: "keypair",
  exampleKey: "rsa",
  summary: "RSA-PSS: RSA with randomized padding; private key signs, public key verifies.",
};
const ECDSA = {
  family: "ecdsa",
  keyKind: "keypair",
  summary: "ECDSA: elliptic-curve signature, small keys; private key signs, public key verifies.",
};
const EDDSA = {
  family: "eddsa",
  keyKind: "keypair",
  exampleKey: "ed25519",
  summary: "EdDSA (Ed25519): fast, deterministic elliptic-curve signature; private key signs, public key verifies.",
};

export const ALGORITHMS = [
  { name: "HS256", ...HMAC, hash: "SHA-256", secretBytes: 32, formula: "HMAC-SHA256(secret, signingInput)" },
  { name: "HS384", ...HMAC, hash: "SHA-384", secretBytes: 48, formula: "HMAC-SHA384(secret, signingInput)" },
  { name: "HS512", ...HMAC, hash: "SHA-512", secretBytes: 64, formula: "HMAC-SHA512(secret, signingInput)" },
  { name: "RS256", ...RSA, hash: "SHA-256", formula: "RSASSA-PKCS1-v1_5-SIGN(privateKey, SHA-256(signingInput))" },
  { name: "RS384", ...RSA, hash: "SHA-384", formula: "RSASSA-PKCS1-v1_5-SIGN(privateKey, SHA-384(signingInput))" },
  { name: "RS512", ...RSA, hash: "SHA-512", formula: "RSASSA-PKCS1-v1_5-SIGN(privateKey, SHA-512(signingInput))" },
  { name: "PS256", ...PSS, hash: "SHA-256", formula: "RSASSA-PSS-SIGN(privateKey, SHA-256, MGF1-SHA-256, salt 32 bytes, signingInput)" },
  { name: "PS384", ...PSS, hash: "SHA-384", formula: "RSASSA-PSS-SIGN(privateKey, SHA-384, MGF1-SHA-384, salt 48 bytes, signingInput)" },
  { name: "PS512", ...PSS, hash: "SHA-512", formula: "RSASSA-PSS-SIGN(privateKey, SHA-512, MGF1-SHA-512, salt 64 bytes, signingInput)" },
  { name: "ES256", ...ECDSA, exampleKey: "p256", hash: "SHA-256", formula: "ECDSA-P256-SIGN(privateKey, SHA-256(signingInput)) → r ‖ s, 64 bytes" },
  { name: "ES384", ...ECDSA, exampleKey: "p384", hash: "SHA-384", formula: "ECDSA-P384-SIGN(privateKey, SHA-384(signingInput)) → r ‖ s, 96 bytes" },
  { name: "ES512", ...ECDSA, exampleKey: "p521", hash: "SHA-512", formula: "ECDSA-P521-SIGN(privateKey, SHA-512(signingInput)) → r ‖ s, 132 bytes" },
  { name: "EdDSA", ...EDDSA, formula: "Ed25519-SIGN(privateKey, signingInput) → 64 bytes" },
  { name: "Ed25519", ...EDDSA, formula: "Ed25519-SIGN(privateKey, signingInput) → 64 bytes" },
];

export function algorithmNamed(name) {
  return ALGORITHMS.find((a) => a.name === name);
}

// Asks the package itself which algorithms it implements: verifying a token whose
// header names an algorithm the build lacks fails with `unsupported_alg`; any other
// outcome (here a key or signature error) means the algorithm is known.
export function supportedAlgorithms(jwt) {
  const probeSecret = new Uint8Array(64).fill(1);
  return ALGORITHMS.filter(({ name }) => {
    const header = btoa(JSON.stringify({ alg: name })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    try {
      jwt.verify(`${header}.e30.AAAA`, probeSecret);
      return true;
    } catch (error) {
      return error.code !== "unsupported_alg";
    }
  });
}
