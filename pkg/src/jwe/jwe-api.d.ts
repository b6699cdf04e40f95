// ---- Encrypted tokens (JWE compact, RFC 7516): wasm-jwt/jwe only ----------------------

/** A JWE key management algorithm (`alg`). RSA1_5 and PBES2-* are refused. */
export type KeyManagementAlgorithm =
  | "dir"
  | "A128KW" | "A192KW" | "A256KW"
  | "A128GCMKW" | "A192GCMKW" | "A256GCMKW"
  | "ECDH-ES" | "ECDH-ES+A128KW" | "ECDH-ES+A192KW" | "ECDH-ES+A256KW"
  | "RSA-OAEP" | "RSA-OAEP-256";

/** A JWE content encryption algorithm (`enc`). */
export type ContentEncryptionAlgorithm = "A128GCM" | "A192GCM" | "A256GCM" | "A128CBC-HS256" | "A192CBC-HS384" | "A256CBC-HS512";

/** The protected header of a decrypted token. */
export interface JweHeader {
  alg: KeyManagementAlgorithm;
  enc: ContentEncryptionAlgorithm;
  kid?: string;
  typ?: string;
  cty?: string;
  [member: string]: JsonValue | undefined;
}

/** Options of `decrypt`. Read once per object, like `VerifyOptions`. */
export interface DecryptOptions {
  /** The key management algorithms to accept; by default any the key suits. */
  algorithms?: KeyManagementAlgorithm | readonly KeyManagementAlgorithm[];
  /** The content encryption algorithms to accept; by default any. */
  encryptionAlgorithms?: ContentEncryptionAlgorithm | readonly ContentEncryptionAlgorithm[];
  /** The longest token accepted, in bytes; default 65536. */
  maxTokenLength?: number;
  /** With a `KeySet` and a token without `kid`: how many suitable keys may be tried, 1 to 16; default 1. */
  maxKeysTried?: number;
}

/** Options of `decryptJwt`: decrypt's, verify's claim checks, and the key of a nested JWT. */
export interface DecryptJwtOptions extends DecryptOptions, Omit<VerifyOptions, "algorithms" | "maxTokenLength" | "maxKeysTried"> {
  /**
   * The key that verifies a nested JWT (header `cty: "JWT"`); a nested token is refused
   * without it, and a token that is not nested is refused with it.
   */
  verifyKey?: Key | KeySet;
  /** The signature algorithms accepted for the nested JWT. */
  verifyAlgorithms?: Algorithm | readonly Algorithm[];
}

/** What `decrypt` returns. */
export interface DecryptedJwe {
  header: JweHeader;
  plaintext: Uint8Array;
}

/** What `decryptJwt` returns: the JWE header and the checked claims. */
export interface DecryptedJwt<P extends object = {}> {
  header: JweHeader;
  payload: JwtPayload & P;
}

/** Header members `encrypt` may set besides `alg` and `enc`. */
export type JweHeaderOptions = {
  /** Default: the key's `kid`. */
  kid?: string;
  typ?: string;
  /** "JWT" for a nested (signed, then encrypted) JWT. */
  cty?: string;
  /** ECDH-ES party info, base64url. */
  apu?: string;
  apv?: string;
  [member: string]: JsonValue | undefined;
};

/** Options of `encrypt` and `encryptJwt`. Read once per object. */
export interface EncryptOptions {
  /** Default: the key's JWK `alg`; else `dir` for a key bound to an `enc`, ECDH-ES for an EC key, RSA-OAEP-256 for an RSA key. */
  alg?: KeyManagementAlgorithm;
  /** Default: the `enc` a `dir` key is bound to, else A256GCM. */
  enc?: ContentEncryptionAlgorithm;
  header?: JweHeaderOptions;
}

/**
 * Decrypts a compact JWE with a key (a JWK with `use: "enc"` or without `use`), or with the
 * key of a set its `kid` selects. Every tag, padding or unwrap failure is `decryption_failed`.
 */
export declare function decrypt(token: string, key: Key | KeySet, options?: DecryptOptions): DecryptedJwe;

/** Decrypts a JWE holding a JWT and checks its claims as `verify` does. Throws `JwtError`. */
export declare function decryptJwt<P extends object = {}>(token: string, key: Key | KeySet, options?: DecryptJwtOptions): DecryptedJwt<P>;

/** Encrypts bytes (a string is its UTF-8) as a compact JWE. */
export declare function encrypt(plaintext: Uint8Array | string, key: Key, options?: EncryptOptions): string;

/** Encrypts claims (a JSON object) as a JWE holding a JWT. For a nested JWT, `encrypt(sign(...), key, { header: { cty: "JWT" } })`. */
export declare function encryptJwt<P extends SignPayload>(payload: P, key: Key, options?: EncryptOptions): string;
