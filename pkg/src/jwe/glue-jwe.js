// The JWE build's glue exports that createApi and createJweApi use: the signing build's, and
// the JWE ones (cargo features std,wasm,rsa,ecdsa,eddsa,jwe,rand; dist/jwe/).
import * as glue from "../../dist/jwe/wasm_jwt.js";

// Picked one by one, as in ../sign/glue-sign.js, so that bundlers drop the async loader.
export const jweGlue = {
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
  DecryptOptions: glue.DecryptOptions,
  EncryptOptions: glue.EncryptOptions,
  decryptWithKey: glue.decryptWithKey,
  decryptWithKeySet: glue.decryptWithKeySet,
  decryptJwtWithKey: glue.decryptJwtWithKey,
  decryptJwtWithKeySet: glue.decryptJwtWithKeySet,
  decryptNestedJwtWithKeyVerifyKey: glue.decryptNestedJwtWithKeyVerifyKey,
  decryptNestedJwtWithKeyVerifyKeySet: glue.decryptNestedJwtWithKeyVerifyKeySet,
  decryptNestedJwtWithKeySetVerifyKey: glue.decryptNestedJwtWithKeySetVerifyKey,
  decryptNestedJwtWithKeySetVerifyKeySet: glue.decryptNestedJwtWithKeySetVerifyKeySet,
  encrypt: glue.encrypt,
  encryptJwt: glue.encryptJwt,
};
