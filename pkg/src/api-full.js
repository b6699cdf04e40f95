// The API over the full build (every algorithm family, PEM keys). The runtime entries
// (node.js, node-cjs.js, browser.js, workerd.js) initialise this glue, then re-export this.
import * as glue from "../dist/wasm_jwt.js";
import { createApi } from "./api.js";
import { createRemoteKeySetApi } from "./remote-key-set.js";

// The glue's exports are picked one by one, not passed as the namespace, so that esbuild
// and other bundlers drop its async loader from the synchronous entries.
const api = createApi({
  Key: glue.Key,
  KeySet: glue.KeySet,
  VerifyOptions: glue.VerifyOptions,
  SignOptions: glue.SignOptions,
  decode: glue.decode,
  initSync: glue.initSync,
  sign: glue.sign,
  verifyWithKey: glue.verifyWithKey,
  verifyWithKeySet: glue.verifyWithKeySet,
});

export const { JwtError, Key, KeySet, decode, verify, sign, memoryBytes } = api;
export const { createRemoteKeySet, verifyAsync } = createRemoteKeySetApi(api);
export { cacheApiStore, kvStore } from "./key-set-stores.js";
