// Types of the wasm-jwt package. Every runtime entry (Node ESM and CommonJS, browsers,
// workerd) exports exactly this API, of "wasm-jwt" (the verify build, where sign and
// Key.generate throw and private keys are refused) and "wasm-jwt/sign" (everything) alike.
// wasm-jwt/hs, the HMAC-only build, exports it too:
// scripts/build.mjs writes its dist/hs/index.d.ts from this file with the one
// `export type Algorithm = ...;` declaration below limited to HS256/384/512.

/** A JWS algorithm this build signs and verifies. */
export type Algorithm =
  | "HS256" | "HS384" | "HS512"
  | "RS256" | "RS384" | "RS512"
  | "PS256" | "PS384" | "PS512"
  | "ES256" | "ES384" | "ES512"
  | "EdDSA" | "Ed25519";

/** The stable error codes, shared with the Rust API (`ErrorCode::as_str`). */
export type ErrorCode =
  | "malformed"
  | "malformed_claim"
  | "unsupported_alg"
  | "alg_not_allowed"
  | "invalid_key"
  | "weak_key"
  | "key_mismatch"
  | "key_not_found"
  | "bad_signature"
  | "expired"
  | "not_yet_valid"
  | "too_old"
  | "issuer"
  | "audience"
  | "subject"
  | "typ"
  | "missing_claim"
  | "crit"
  | "too_large"
  | "too_deep"
  | "invalid_option"
  /** wasm-jwt/jwe: an encrypted token's tag, padding or wrapped key did not check (one message for all: no oracle). */
  | "decryption_failed"
  /** JS only: the WebAssembly module trapped (out of memory); the call was abandoned, the module still works. */
  | "internal"
  /** JS only: a remote key set could not be fetched or used (the message names the URL and the cause). */
  | "jwks_fetch";

/** The part of a token an error points at. */
export type TokenPart = "token" | "header" | "payload" | "signature";

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [member: string]: JsonValue };

/** The protected header of a verified token: `alg`, `kid` and `typ` have been checked. */
export interface JwtHeader {
  alg: Algorithm;
  kid?: string;
  typ?: string;
  [member: string]: JsonValue | undefined;
}

/** The claims of a verified token: the registered ones have been type-checked. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  /** Seconds since 1970. */
  exp?: number;
  /** Seconds since 1970. */
  nbf?: number;
  /** Seconds since 1970. */
  iat?: number;
  jti?: string;
  [claim: string]: JsonValue | undefined;
}

/** What `decode` returns: the header and payload as the token says, unchecked. */
export interface DecodedJwt {
  header: JsonObject;
  payload: JsonObject;
  /** The signature segment, base64url as in the token. */
  signature: string;
}

/** What `verify` returns. `P` describes application claims; it is not checked at run time. */
export interface VerifiedJwt<P extends object = {}> {
  header: JwtHeader;
  payload: JwtPayload & P;
}

/**
 * Options of `verify`. What an options object gave is kept for the next call with it, and
 * read again if the object has changed since (a member set, changed or deleted, in it or
 * in its arrays and objects).
 */
export interface VerifyOptions {
  /** The algorithms to accept; by default any the key suits. */
  algorithms?: readonly Algorithm[];
  /** Accepted `iss` values; when set, `iss` is required. */
  issuer?: string | readonly string[];
  /** Accepted `aud` values; when set, `aud` is required. When unset, a token carrying `aud` is refused. */
  audience?: string | readonly string[];
  /** The required `sub`. */
  subject?: string;
  /** The required header `typ` (case-insensitive, `application/` optional). */
  typ?: string;
  /** Seconds of clock skew tolerated for `exp`, `nbf` and `maxAge`; default 0. */
  leeway?: number;
  /** The time to check against, in seconds since 1970; default the clock. */
  now?: number;
  /** The most seconds since `iat` a token may have; requires `iat`. */
  maxAge?: number;
  /** Claims that must be present. */
  required?: readonly string[];
  /** The longest token accepted, in bytes (and UTF-16 units, checked before the token enters wasm); default 65536. */
  maxTokenLength?: number;
  /**
   * With a `KeySet` and a token without `kid`: how many suitable keys may be tried, 1 to 16;
   * default 1 (several suitable keys are then `key_not_found`).
   */
  maxKeysTried?: number;
}

/** Header members `sign` may set besides `alg` (which the `alg` option decides). */
export type SignHeader = {
  /** Default: the key's `kid`. */
  kid?: string;
  /** Default: "JWT". */
  typ?: string;
  cty?: string;
  [member: string]: JsonValue | undefined;
};

/** Options of `sign`. Kept per object, and read again when it changes, like `VerifyOptions`. */
export interface SignOptions {
  /** Default: the key's `alg`, else HS256. */
  alg?: Algorithm;
  header?: SignHeader;
  /** Sets `exp` this many seconds after `iat`. */
  expiresIn?: number;
  /** Sets `nbf` this many seconds after `iat`. */
  notBefore?: number;
  /** `true` (default): `iat` is now unless the payload has one; `false`: no `iat`; a number: that time. */
  issuedAt?: boolean | number;
}

/**
 * The claims `sign` takes: any JSON object; registered claims, when present, must have
 * their types. (`sign` is generic over it so that application claims are not excess properties.)
 */
export type SignPayload = object & {
  iss?: string;
  sub?: string;
  aud?: string | readonly string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
};

/** A JSON Web Key (RFC 7517) as an object. */
export type Jwk = {
  kty?: string;
  kid?: string;
  alg?: string;
  use?: string;
  key_ops?: readonly string[];
  /** The secret of a `kty: "oct"` key, base64url. */
  k?: string;
  [member: string]: unknown;
};

/** A JSON Web Key Set as an object. */
export type Jwks = { keys: readonly Jwk[]; [member: string]: unknown };

/** An error from decoding, verifying or signing, or from reading a key. */
export declare class JwtError extends Error {
  constructor(code: ErrorCode, message: string, details?: { part?: TokenPart; offset?: number; claim?: string });
  readonly name: "JwtError";
  /** What went wrong, as a stable code. */
  code: ErrorCode;
  /** The part of the token at fault, when the error is about a token. */
  part?: TokenPart;
  /** The byte offset into the token where the fault was found (malformed tokens). */
  offset?: number;
  /** The claim concerned (for example `exp` when the token has expired). */
  claim?: string;
}

/**
 * A key held in WebAssembly memory. `free()` releases it at once; a key that is not
 * freed is released when it is garbage-collected.
 */
export declare class Key {
  private constructor();
  /**
   * An HMAC secret; a string is its UTF-8 bytes. A PEM block or a JWK given as text is
   * refused (`invalid_key`); a secret shorter than the hash is `weak_key` when used.
   */
  static hmac(secret: string | Uint8Array): Key;
  /** A key from a JWK (object or JSON text); its `alg`, `use` and `key_ops` restrict its use. */
  static fromJwk(jwk: Jwk | string): Key;
  /**
   * A key from PEM text: `PUBLIC KEY` (SPKI), `PRIVATE KEY` (PKCS#8), `RSA PUBLIC KEY` /
   * `RSA PRIVATE KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1), or a `CERTIFICATE`'s public key.
   */
  static fromPem(pem: string): Key;
  /**
   * A new random key bound to `alg` (RSA keys are 2048 bits and take seconds to make).
   * In "wasm-jwt" (the verify build) it throws unsupported_alg: import from "wasm-jwt/sign".
   */
  static generate(alg: Algorithm): Key;
  /**
   * The key as a JWK; private members (and a secret's `k`) only with `{ private: true }`.
   * In "wasm-jwt/hs" (HMAC-only, verify) it throws unsupported_alg: import from "wasm-jwt/hs/sign".
   */
  toJwk(options?: { private?: boolean }): Jwk;
  /** The key as PEM: SPKI for a public key, PKCS#8 for a private key; a secret has none. */
  toPem(): string;
  /** The RFC 7638 JWK thumbprint (SHA-256, base64url); like toJwk, not in "wasm-jwt/hs". */
  thumbprint(): string;
  /** Whether the key can sign (a secret or a private key). */
  readonly isPrivate: boolean;
  /** The algorithm the key is bound to (its JWK `alg`), if any. */
  readonly alg: Algorithm | undefined;
  /** The key ID (its JWK `kid`), if any. */
  readonly kid: string | undefined;
  /**
   * Releases the key's wasm memory now (also `[Symbol.dispose]`, so `using key = …` frees it
   * at the end of the block where the runtime supports it). Call it for keys made in a hot
   * loop: garbage collection cannot run during a synchronous loop.
   */
  free(): void;
}

/** A JSON Web Key Set; `verify` uses the key whose `kid` equals the token's. */
export declare class KeySet {
  private constructor();
  static fromJwks(jwks: Jwks | string): KeySet;
  /** Releases the set's wasm memory now (also `[Symbol.dispose]`). */
  free(): void;
}

/** Decodes a token without verifying it. Throws `JwtError` (`malformed`, `too_large`, `too_deep`). */
export declare function decode(token: string): DecodedJwt;

/**
 * Verifies the signature and the claims. A string or Uint8Array key is an HMAC secret.
 * Throws `JwtError`.
 */
export declare function verify<P extends object = {}>(
  token: string,
  key: Key | KeySet | string | Uint8Array,
  options?: VerifyOptions,
): VerifiedJwt<P>;

/** createVerifier's options: verify's, and an opt-in cache of verified tokens. */
export interface VerifierOptions extends VerifyOptions {
  /**
   * Keep verified tokens (by their SHA-256) and answer a repeated token from the cache,
   * frozen, while its exp, nbf and maxAge still pass and for at most `ttl` seconds;
   * `true` is `{ size: 1000, ttl: 600 }`. Failures are never cached.
   */
  cache?: boolean | { size?: number; ttl?: number };
}

/** A function that verifies tokens with one key and options read once (fast-jwt's createVerifier). */
export declare function createVerifier<P extends object = {}>(
  key: Key | KeySet | string | Uint8Array,
  options?: VerifierOptions,
): (token: string) => VerifiedJwt<P>;

/**
 * Signs a JSON object into a compact JWS; adds `iat` unless told not to. Throws `JwtError`.
 * In "wasm-jwt" (the verify build) it throws unsupported_alg: import from "wasm-jwt/sign".
 */
export declare function sign<P extends SignPayload>(payload: P, key: Key | string | Uint8Array, options?: SignOptions): string;

/** Bytes of WebAssembly memory the module holds (it only grows): for leak checks. */
export declare function memoryBytes(): number;

/**
 * Where isolates share a JWKS text one of them fetched (`createRemoteKeySet`'s `store`).
 * A store that throws or rejects is treated as a miss.
 */
export interface KeySetStore {
  get(url: string): Promise<string | null | undefined>;
  put(url: string, jwksText: string, maxAgeSeconds: number): Promise<void>;
}

/** Options of `createRemoteKeySet`. */
export interface RemoteKeySetOptions {
  /** Seconds a fetched set is used before it is fetched again; default 600. */
  cacheMaxAge?: number;
  /** Seconds between fetches caused by an unknown `kid` (or after a failed fetch); default 30. */
  cooldown?: number;
  /** Seconds a fetch (with its body) may take; default 5. */
  timeout?: number;
  /** Seconds past `cacheMaxAge` the last good set keeps serving while fetches fail; default 3600. */
  staleIfError?: number;
  /** The fetch to use; default the global one. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** A cache shared between isolates: `cacheApiStore()`, `kvStore(env.KV)` or your own. */
  store?: KeySetStore;
  /** The clock, in seconds since 1970; default `Date.now() / 1000`. */
  clock?: () => number;
}

/** A JWKS URL's keys, fetched when needed and cached; made by `createRemoteKeySet`, used by `verifyAsync`. */
export declare class RemoteKeySet {
  private constructor();
  /** The JWKS URL. */
  readonly url: string;
}

/**
 * A key set fetched from `url` (https:, or http: to a loopback host) when first needed,
 * cached for `cacheMaxAge`, refetched at most once per `cooldown` for an unknown `kid`.
 * Throws `JwtError` `invalid_option` for a bad URL or option.
 */
export declare function createRemoteKeySet(url: string | URL, options?: RemoteKeySetOptions): RemoteKeySet;

/**
 * `verify`, also for a `RemoteKeySet`: the same checks and error codes, plus `jwks_fetch`
 * when a remote set cannot be had.
 */
export declare function verifyAsync<P extends object = {}>(
  token: string,
  key: Key | KeySet | RemoteKeySet | string | Uint8Array,
  options?: VerifyOptions,
): Promise<VerifiedJwt<P>>;

/** A `KeySetStore` over the Workers Cache API (`caches.default` unless another cache is given). */
export declare function cacheApiStore(cache?: { match(key: string): Promise<Response | undefined>; put(key: string, response: Response): Promise<void> }): KeySetStore;

/** A `KeySetStore` over a Workers KV namespace binding. */
export declare function kvStore(
  namespace: { get(key: string): Promise<string | null>; put(key: string, value: string, options: { expirationTtl: number }): Promise<void> },
  options?: { prefix?: string },
): KeySetStore;
