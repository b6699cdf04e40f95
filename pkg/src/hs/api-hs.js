// The API over the HMAC-only verify build (HS256, HS384, HS512; a much smaller .wasm; no
// signing, key generation or key export, which are in wasm-jwt/hs/sign). The runtime
// entries in this folder initialise this glue, then re-export this.
import * as glue from "../../dist/hs/wasm_jwt.js";
import { createApi } from "../api.js";
import { createRemoteKeySetApi } from "../remote-key-set.js";
import { createVerifierApi } from "../verifier.js";
import { HMAC_ONLY_BUILD_NOTE } from "./build-note.js";

// Picked one by one for tree-shaking, as in ../api-verify.js.
const api = createApi(
  {
    Key: glue.Key,
    KeySet: glue.KeySet,
    VerifyOptions: glue.VerifyOptions,
    decode: glue.decode,
    initSync: glue.initSync,
    verifyWithKey: glue.verifyWithKey,
    verifyWithKeySet: glue.verifyWithKeySet,
    tokenDigest: glue.tokenDigest,
  },
  { buildNote: HMAC_ONLY_BUILD_NOTE, signingNote: 'wasm-jwt/hs is the HMAC-only verify build: import from "wasm-jwt/hs/sign" to sign, generate or export keys' },
);

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
