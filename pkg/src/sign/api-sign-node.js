// The API over the signing build in Node: RSA and ECDSA signatures are checked and made,
// and EdDSA ones made, by node:crypto (OpenSSL, about ten times faster than wasm), every
// other check by the core. verifyAsync takes the same synchronous path.
import { createApi } from "../api.js";
import { createPlatformPaths } from "../platform-paths.js";
import { nodePlatform } from "../node-platform.js";
import { createRemoteKeySetApi } from "../remote-key-set.js";
import { signGlue } from "./glue-sign.js";

const api = createApi(signGlue, { platform: nodePlatform, createPlatformPaths });

export const { JwtError, Key, KeySet, decode, verify, sign, createVerifier, memoryBytes } = api;
// Pure and wrapped, so that a bundle that uses neither drops the remote key set code.
const remote = /* @__PURE__ */ createRemoteKeySetApi(api);
export function createRemoteKeySet(url, options) {
  return remote.createRemoteKeySet(url, options);
}
export function verifyAsync(token, key, options) {
  return remote.verifyAsync(token, key, options);
}
export { cacheApiStore, kvStore } from "../key-set-stores.js";
