// RSA, ECDSA and Ed25519 signature checks through WebCrypto, for verifyAsync where the
// runtime has crypto.subtle (browsers, workerd): the core has already checked everything
// else (see verifyStart in platform-paths.js) and checks the claims after. Keys are
// imported once and kept.

const CURVES = { ES256: "P-256", ES384: "P-384", ES512: "P-521" };

/** WebCrypto's import and verify parameters for a JWS alg, or undefined for another family. */
function parametersOf(alg) {
  const bits = Number(alg.slice(2));
  const hash = `SHA-${bits}`;
  switch (alg.slice(0, 2)) {
    case "RS":
      return { imported: { name: "RSASSA-PKCS1-v1_5", hash }, verified: { name: "RSASSA-PKCS1-v1_5" } };
    case "PS":
      // RFC 7518 3.5: the salt is as long as the hash.
      return { imported: { name: "RSA-PSS", hash }, verified: { name: "RSA-PSS", saltLength: bits / 8 } };
    case "ES":
      // JWS ECDSA signatures are raw r || s, as WebCrypto takes them.
      return { imported: { name: "ECDSA", namedCurve: CURVES[alg] }, verified: { name: "ECDSA", hash } };
    case "Ed":
      // "EdDSA" and "Ed25519" (RFC 9864): the core hands over only Ed25519 keys.
      return { imported: { name: "Ed25519" }, verified: { name: "Ed25519" } };
    default:
      return undefined;
  }
}

// The parameters by alg, made once each.
const parametersByAlg = new Map();
function parametersFor(alg) {
  let parameters = parametersByAlg.get(alg);
  if (parameters === undefined) parametersByAlg.set(alg, (parameters = parametersOf(alg)));
  return parameters;
}

/** The signature checker over `subtle` (a SubtleCrypto). */
export function webCryptoSignatures(subtle) {
  // Imported keys by the SPKI array verifyStart gave (the same array for the same key on
  // every call, so no lookup by content) and alg; weakly, so they go with their keys. The
  // CryptoKey itself is kept, never a promise: in workerd a promise of one request must
  // not be awaited by another.
  const keys = new WeakMap();

  /** The key imported before for `alg`, or undefined. */
  function keptKey(alg, spki) {
    return keys.get(spki)?.get(alg);
  }

  async function importedKey(alg, spki, imported) {
    const key = await subtle.importKey("spki", spki, imported, false, ["verify"]);
    let byAlg = keys.get(spki);
    if (byAlg === undefined) keys.set(spki, (byAlg = new Map()));
    byAlg.set(alg, key);
    return key;
  }

  /**
   * Whether the signature of `started` (verifyStart's result) matches one of its candidate
   * keys. Rejects when WebCrypto cannot check it (an algorithm or curve it lacks): the
   * caller then lets the core check the whole token. A kept key is used without an await
   * (one microtask fewer per call), and the signing input and signature are taken from
   * wasm memory only when handed to subtle.verify, which copies them then.
   */
  return async function signatureMatches({ alg, signingInput, signature, candidates }) {
    const parameters = parametersFor(alg);
    if (parameters === undefined) throw new Error(`WebCrypto is not used for ${alg}`);
    for (const spki of candidates) {
      const key = keptKey(alg, spki) ?? (await importedKey(alg, spki, parameters.imported));
      if (await subtle.verify(parameters.verified, key, signature(), signingInput())) return true;
    }
    return false;
  };
}
