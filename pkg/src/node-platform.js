// node:crypto as the platform that checks RSA and ECDSA signatures for createApi, after the
// core has checked everything else (the signature's length and, for ECDSA, r and s in range),
// and makes RSA, ECDSA and EdDSA signatures over the signing input the core built.
import { constants, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";

/** Node's verify() key argument for `alg`, made once per key and algorithm. */
function keyFor(handle, alg) {
  let key = handle.byAlg.get(alg);
  if (key === undefined) {
    if (alg.startsWith("PS")) {
      // RFC 7518 3.5: the salt is as long as the hash, exactly.
      key = { key: handle.keyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 };
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
    return { keyObject: createPublicKey({ key: spkiDer, format: "der", type: "spki" }), byAlg: new Map() };
  },

  verify(alg, handle, signingInput, signature) {
    return verify(`sha${alg.slice(2)}`, signingInput, keyFor(handle, alg), signature);
  },

  privateKey(pkcs8Der) {
    return { keyObject: createPrivateKey({ key: pkcs8Der, format: "der", type: "pkcs8" }), byAlg: new Map() };
  },

  /** The signature as base64url; Ed25519 takes no separate hash. */
  sign(alg, handle, signingInput) {
    const hash = alg === "EdDSA" || alg === "Ed25519" ? null : `sha${alg.slice(2)}`;
    return sign(hash, Buffer.from(signingInput), keyFor(handle, alg)).toString("base64url");
  },
};
