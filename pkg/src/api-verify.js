// The API over the verify build (wasm-jwt: decode and verify with every family; no
// signing, private keys or key generation, which are in wasm-jwt/sign), checking every
// signature in wasm, except that verifyAsync hands RSA, ECDSA and Ed25519 signatures to WebCrypto
// where the runtime has it. The browser and workerd entries initialise the glue, then
// re-export this; Node's use api-verify-node.js.
import { createApi } from "./api.js";
import { createPlatformPaths } from "./platform-paths.js";
import { VERIFY_BUILD_NOTE, verifyGlue } from "./glue-verify.js";
import { createRemoteKeySetApi } from "./remote-key-set.js";
import { createVerifierApi } from "./verifier.js";

const api = createApi(verifyGlue, { signingNote: VERIFY_BUILD_NOTE, createPlatformPaths });

export const { JwtError, Key, KeySet, decode, verify, sign, memoryBytes } = api;
// Pure and wrapped, so that a bundle that does not use it drops the verifier code.
const verifier = /* @__PURE__ */ createVerifierApi(api);
export function createVerifier(key, options) {
  return verifier(key, options);
}
// Pure and wrapped, so that a bundle that uses neither drops the remote key set code.
const remote = /* @__PURE__ */ createRemoteKeySetApi(api, { webCrypto: true });
export function createRemoteKeySet(url, options) {
  return remote.createRemoteKeySet(url, options);
}
export function verifyAsync(token, key, options) {
  return remote.verifyAsync(token, key, options);
}
export { cacheApiStore, kvStore } from "./key-set-stores.js";
