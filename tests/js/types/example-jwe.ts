// A typed use of wasm-jwt/jwe's JWE functions (its declarations are index.d.ts plus
// src/jwe/jwe-api.d.ts), checked with the other examples by node-types.test.mjs.
import {
  decrypt,
  decryptJwt,
  encrypt,
  encryptJwt,
  Key,
  KeySet,
  verify,
  type ContentEncryptionAlgorithm,
  type DecryptJwtOptions,
  type DecryptOptions,
  type EncryptOptions,
  type ErrorCode,
  type KeyManagementAlgorithm,
} from "wasm-jwt/jwe";

const key = Key.fromJwk({ kty: "oct", use: "enc", k: "GZy6sIZ6wl9NJOKB-jnmVQ" });
const alg: KeyManagementAlgorithm = "A128KW";
const enc: ContentEncryptionAlgorithm = "A128CBC-HS256";
const encryptOptions: EncryptOptions = { alg, enc, header: { kid: "k1", cty: "JWT" } };
const token: string = encrypt(new Uint8Array([1, 2, 3]), key, encryptOptions);
const decryptOptions: DecryptOptions = { algorithms: ["A128KW"], encryptionAlgorithms: "A128CBC-HS256", maxKeysTried: 2 };
const plaintext: Uint8Array = decrypt(token, key, decryptOptions).plaintext;
const headerEnc: ContentEncryptionAlgorithm = decrypt(token, KeySet.fromJwks({ keys: [] })).header.enc;

const jwtOptions: DecryptJwtOptions = { audience: "api", leeway: 5, verifyKey: Key.hmac("a secret of at least 32 bytes for HS256!"), verifyAlgorithms: ["HS256"] };
const claims = decryptJwt<{ role: string }>(encryptJwt({ sub: "ada", role: "admin" }, key, { alg: "A128KW" }), key, jwtOptions).payload;
const role: string = claims.role;
const code: ErrorCode = "decryption_failed";
verify("a.b.c", key);

// @ts-expect-error: RSA1_5 is refused, so it is not a KeyManagementAlgorithm
encrypt("x", key, { alg: "RSA1_5" });
// @ts-expect-error: decrypt's options have no claim checks (decryptJwt's do)
decrypt(token, key, { issuer: "a" });
// @ts-expect-error: encrypt takes one Key, not a KeySet
encrypt("x", KeySet.fromJwks({ keys: [] }));
// @ts-expect-error: verifyAlgorithms are signature algorithms
decryptJwt(token, key, { verifyAlgorithms: ["dir"] });

export { plaintext, headerEnc, role, code };
