// The verify build's glue exports that createApi uses (every algorithm family, public
// keys, PEM and certificates; no signing, private keys or key generation).
import * as glue from "../dist/wasm_jwt.js";

// Picked one by one, not passed as the namespace, so that esbuild and other bundlers
// drop its async loader from the synchronous entries.
export const verifyGlue = {
  Key: glue.Key,
  KeySet: glue.KeySet,
  VerifyOptions: glue.VerifyOptions,
  decode: glue.decode,
  initSync: glue.initSync,
  verifyWithKey: glue.verifyWithKey,
  verifyWithKeySet: glue.verifyWithKeySet,
  tokenDigest: glue.tokenDigest,
  verifyByPlatformWithKey: glue.verifyByPlatformWithKey,
  verifyByPlatformWithKeySet: glue.verifyByPlatformWithKeySet,
  verifyStartWithKey: glue.verifyStartWithKey,
  verifyStartWithKeySet: glue.verifyStartWithKeySet,
};

// Added to the errors of what this build leaves out: sign and Key.generate (the core's
// error for a private key says as much itself).
export const VERIFY_BUILD_NOTE = 'wasm-jwt is the verify build: import from "wasm-jwt/sign" to sign, generate keys or read private keys';
