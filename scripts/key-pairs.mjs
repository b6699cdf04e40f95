// Key pairs for tests and benchmarks, made so that exporting them cannot deadlock Node 20.
//
// A KeyObject from crypto.generateKeyPairSync() shares its key with the key-generation job
// that made it. If a garbage collection runs while such a key is being exported (an export
// to JWK allocates as it goes) and collects that job, the job's destructor waits for the
// key's lock, which the export holds: the process hangs at 0% CPU (seen in `npm test`).
// Here the job encodes the pair itself (DER), and the KeyObjects returned are imported from
// those bytes, owned by no job.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";

/** `{ privateKey, publicKey }` KeyObjects, as generateKeyPairSync(type, options) gives. */
export function keyPair(type, options = {}) {
  const der = generateKeyPairSync(type, {
    ...options,
    publicKeyEncoding: { type: "spki", format: "der" },
    privateKeyEncoding: { type: "pkcs8", format: "der" },
  });
  return {
    privateKey: createPrivateKey({ key: der.privateKey, format: "der", type: "pkcs8" }),
    publicKey: createPublicKey({ key: der.publicKey, format: "der", type: "spki" }),
  };
}
