// The API over the signing build in Node: RSA, ECDSA and EdDSA signatures are checked and
// made by node:crypto (OpenSSL, faster than wasm: RSA and ECDSA about ten times), every
// other check by the core. verifyAsync takes the same synchronous path.
import { createApi } from "../api.js";
import { nodePlatform } from "../node-platform.js";
import { createPlatformPaths } from "../platform-paths.js";
import { createRemoteKeySetApi } from "../remote-key-set.js";
import { createVerifierApi } from "../verifier.js";
import { signGlue } from "./glue-sign.js";

const api = createApi(signGlue, { platform: nodePlatform, createPlatformPaths });

export const { JwtError, Key, KeySet, decode, verify, sign, memoryBytes } = api;
// Pure and wrapped, so that a bundle that does not use it drops the verifier code.
const verifier = /* @__PURE__ */ createVerifierApi(api);
export function createVerifier(key, options) {
  return verifier(key, options);
}
// Pure and wrapped, so that a bundle that uses neither drops the remote key set code.
const remote = /* @__PURE__ */ createRemoteKeySetApi(api);
export function createRemoteKeySet(url, options) {
  return remote.createRemoteKeySet(url, options);
}
export function verifyAsync(token, key, options) {
  return remote.verifyAsync(token, key, options);
}
export { cacheApiStore, kvStore } from "../key-set-stores.js";
