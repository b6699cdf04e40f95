// The signing build's glue exports that createApi uses (every algorithm family, PEM keys,
// signing, private keys and key generation).
import * as glue from "../../dist/sign/wasm_jwt.js";

// Picked one by one, not passed as the namespace, so that esbuild and other bundlers
// drop its async loader from the synchronous entries.
export const signGlue = {
  Key: glue.Key,
  KeySet: glue.KeySet,
  VerifyOptions: glue.VerifyOptions,
  SignOptions: glue.SignOptions,
  decode: glue.decode,
  initSync: glue.initSync,
  sign: glue.sign,
  verifyWithKey: glue.verifyWithKey,
  verifyWithKeySet: glue.verifyWithKeySet,
  tokenDigest: glue.tokenDigest,
  verifyByPlatformWithKey: glue.verifyByPlatformWithKey,
  verifyByPlatformWithKeySet: glue.verifyByPlatformWithKeySet,
  verifyStartWithKey: glue.verifyStartWithKey,
  verifyStartWithKeySet: glue.verifyStartWithKeySet,
  signStart: glue.signStart,
};
