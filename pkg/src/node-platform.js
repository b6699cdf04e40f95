// node:crypto as the platform that checks RSA, ECDSA and EdDSA signatures for createApi,
// after the core has checked everything else (the signature's length; for ECDSA, r and s in
// range; for EdDSA, S below the group order, R not the identity, and only for keys whose
// every verdict OpenSSL shares with the core), and makes RSA, ECDSA and EdDSA signatures
// over the signing input the core built.

// node:crypto is loaded at the first key that needs it, not at import: loading it takes
// about 2.5 ms of start-up, which HMAC keys never use. process.getBuiltinModule (Node
// 20.16+, 22.3+) loads it synchronously; on older Node the entry loads it and hands it here.
let crypto;

function nodeCrypto() {
  crypto ??= process.getBuiltinModule("node:crypto");
  return crypto;
}

/** For Node without process.getBuiltinModule: node:crypto, loaded by the entry at import. */
export function provideNodeCrypto(module) {
  crypto = module;
}

/** The hash node:crypto's sign() and verify() take for `alg`; Ed25519 takes none. */
function hashOf(alg) {
  return alg === "EdDSA" || alg === "Ed25519" ? null : `sha${alg.slice(2)}`;
}

/** Node's verify() key argument for `alg`, made once per key and algorithm. */
function keyFor(handle, alg) {
  let key = handle.byAlg.get(alg);
  if (key === undefined) {
    if (alg.startsWith("PS")) {
      // RFC 7518 3.5: the salt is as long as the hash, exactly.
      key = { key: handle.keyObject, padding: nodeCrypto().constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 };
    } else if (alg.startsWith("ES")) {
      // JWS signatures are raw r || s (IEEE P1363), not DER.
      key = { key: handle.keyObject, dsaEncoding: "ieee-p1363" };
    } else {
      key = handle.keyObject;
    }
    handle.byAlg.set(alg, key);
  }
  return key;
}

export const nodePlatform = {
  publicKey(spkiDer) {
    return { keyObject: nodeCrypto().createPublicKey({ key: spkiDer, format: "der", type: "spki" }), byAlg: new Map() };
  },

  verify(alg, handle, signingInput, signature) {
    return nodeCrypto().verify(hashOf(alg), signingInput, keyFor(handle, alg), signature);
  },

  privateKey(pkcs8Der) {
    return { keyObject: nodeCrypto().createPrivateKey({ key: pkcs8Der, format: "der", type: "pkcs8" }), byAlg: new Map() };
  },

  /** The signature as base64url; Ed25519 takes no separate hash. */
  sign(alg, handle, signingInput) {
    return nodeCrypto().sign(hashOf(alg), Buffer.from(signingInput), keyFor(handle, alg)).toString("base64url");
  },
};
