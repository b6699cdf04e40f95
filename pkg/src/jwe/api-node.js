// The API of wasm-jwt/jwe in Node: wasm-jwt/sign's (../sign/api-sign-node.js: RSA, ECDSA and
// EdDSA signatures by node:crypto) over the JWE build, plus decrypt and encrypt (in wasm).
import { createApi } from "../api.js";
import { nodePlatform } from "../node-platform.js";
import { createPlatformPaths } from "../platform-paths.js";
import { createRemoteKeySetApi } from "../remote-key-set.js";
import { createVerifierApi } from "../verifier.js";
import { createJweApi } from "./api-jwe.js";
import { jweGlue } from "./glue-jwe.js";

const api = createApi(jweGlue, { platform: nodePlatform, createPlatformPaths });

export const { JwtError, Key, KeySet, decode, verify, sign, memoryBytes } = api;
// Pure and wrapped, so that a bundle that does not use it drops the verifier code.
const verifier = /* @__PURE__ */ createVerifierApi(api);
export function createVerifier(key, options) {
  return verifier(key, options);
}
export const { decrypt, decryptJwt, encrypt, encryptJwt } = createJweApi(jweGlue, api);
const remote = /* @__PURE__ */ createRemoteKeySetApi(api);
export function createRemoteKeySet(url, options) {
  return remote.createRemoteKeySet(url, options);
}
export function verifyAsync(token, key, options) {
  return remote.verifyAsync(token, key, options);
}
export { cacheApiStore, kvStore } from "../key-set-stores.js";
