// The API of wasm-jwt/jwe outside Node: wasm-jwt/sign's (../sign/api-sign.js) over the JWE build,
// plus decrypt and encrypt. The browser and workerd entries initialise the glue, then
// re-export this; Node's use api-node.js.
import { createApi } from "../api.js";
import { createPlatformPaths } from "../platform-paths.js";
import { createRemoteKeySetApi } from "../remote-key-set.js";
import { createVerifierApi } from "../verifier.js";
import { createJweApi } from "./api-jwe.js";
import { jweGlue } from "./glue-jwe.js";

const api = createApi(jweGlue, { createPlatformPaths });

export const { JwtError, Key, KeySet, decode, verify, sign, memoryBytes } = api;
// Pure and wrapped, so that a bundle that does not use it drops the verifier code.
const verifier = /* @__PURE__ */ createVerifierApi(api);
export function createVerifier(key, options) {
  return verifier(key, options);
}
export const { decrypt, decryptJwt, encrypt, encryptJwt } = createJweApi(jweGlue, api);
// Pure and wrapped, so that a bundle that uses neither drops the remote key set code.
const remote = /* @__PURE__ */ createRemoteKeySetApi(api, { webCrypto: true });
export function createRemoteKeySet(url, options) {
  return remote.createRemoteKeySet(url, options);
}
export function verifyAsync(token, key, options) {
  return remote.verifyAsync(token, key, options);
}
export { cacheApiStore, kvStore } from "../key-set-stores.js";
