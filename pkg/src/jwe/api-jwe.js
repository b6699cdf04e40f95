// Encrypted tokens (JWE) for wasm-jwt/jwe: decrypt, decryptJwt, encrypt and encryptJwt
// over the JWE build's glue, taking the keys of the API createApi made over the same glue
// (its `internals`) and reading options with api.js's machinery: by property access, once
// per options object, unknown names refused. Plaintext is copied out of wasm memory, where
// the core zeroes it when the glue's object is freed.

import { JwtError } from "../jwt-error.js";
import { ParsedOptions, ReadPerObject, checkToken, clock, describe, invalidOption, isBytes, payloadText, readOptions } from "../api.js";

const DECRYPT_OPTIONS = ["algorithms", "encryptionAlgorithms", "maxTokenLength", "maxKeysTried"];
const DECRYPT_JWT_OPTIONS = [...DECRYPT_OPTIONS, "issuer", "audience", "subject", "typ", "leeway", "now", "maxAge", "required", "verifyAlgorithms"];
const ENCRYPT_OPTIONS = ["alg", "enc", "header"];

const utf8 = new TextEncoder();

/** An option naming algorithms: a name, or an array of names, as an array (undefined if absent). */
function algorithmNames(value, option) {
  if (value === undefined) return undefined;
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || !list.every((name) => typeof name === "string")) {
    throw invalidOption(`the option "${option}" must be a string or an array of strings, not ${describe(value)}`);
  }
  return list;
}

function algorithmName(value, option) {
  if (value !== undefined && typeof value !== "string") throw invalidOption(`the option "${option}" must be a string, not ${describe(value)}`);
  return value;
}

/** The members of options JSON text, in an object without a prototype: a polluted Object.prototype is never read. */
function membersOf(json) {
  return Object.assign(Object.create(null), JSON.parse(json));
}

function plaintextBytes(plaintext) {
  if (typeof plaintext === "string") return utf8.encode(plaintext);
  if (isBytes(plaintext)) return plaintext;
  throw new JwtError("malformed", `the plaintext is a Uint8Array or a string, not ${describe(plaintext)}`, { part: "payload" });
}

/**
 * `decrypt`, `decryptJwt`, `encrypt` and `encryptJwt` over `glue` (the JWE build's), for
 * the keys of `api` (createApi over the same glue).
 */
export function createJweApi(glue, api) {
  const { guarded, isKey, liveKey, isKeySet, liveKeySet } = api.internals;
  const nestedJwt = {
    "Key,Key": glue.decryptNestedJwtWithKeyVerifyKey,
    "Key,KeySet": glue.decryptNestedJwtWithKeyVerifyKeySet,
    "KeySet,Key": glue.decryptNestedJwtWithKeySetVerifyKey,
    "KeySet,KeySet": glue.decryptNestedJwtWithKeySetVerifyKeySet,
  };

  /** The options' JSON text split: the claim checks go to the core's verify options reader, the names as arguments. */
  function readDecryptOptions(json) {
    const { algorithms, encryptionAlgorithms, verifyAlgorithms, ...claims } = membersOf(json);
    const names = [algorithmNames(algorithms, "algorithms"), algorithmNames(encryptionAlgorithms, "encryptionAlgorithms"), algorithmNames(verifyAlgorithms, "verifyAlgorithms")];
    return guarded(() => new glue.DecryptOptions(JSON.stringify(claims), ...names));
  }

  const decryptOptions = new ParsedOptions(readDecryptOptions, DECRYPT_OPTIONS, "decrypt");
  const decryptJwtOptions = new ParsedOptions(readDecryptOptions, DECRYPT_JWT_OPTIONS, "decryptJwt");
  // decryptJwt's options with their verifyKey, which is a key rather than JSON: per options
  // object, read again when it changes.
  const decryptJwtByObject = new ReadPerObject("decryptJwt");

  function readDecryptJwtOptions(options) {
    if (options === undefined || options === null) return { parsed: decryptJwtOptions.get(undefined), verifyKey: undefined };
    return decryptJwtByObject.get(options, () => {
      const read = readOptions(options, [...DECRYPT_JWT_OPTIONS, "verifyKey"], "decryptJwt");
      const { verifyKey, ...plain } = read;
      if (verifyKey !== undefined && !isKey(verifyKey) && !isKeySet(verifyKey)) {
        throw invalidOption(`the option "verifyKey" must be a Key or a KeySet of wasm-jwt/jwe, not ${describe(verifyKey)}`);
      }
      return { value: { parsed: decryptJwtOptions.get(plain), verifyKey }, plain: read };
    });
  }

  /** The glue's key for `key`: a Key of this API, or with `sets` also a KeySet; anything else is invalid_key. */
  function keyOf(key, action, { sets }) {
    if (sets && isKeySet(key)) return liveKeySet(key);
    if (isKey(key)) return liveKey(key);
    const given = describe(key);
    const accepted = sets ? "a Key or a KeySet" : "a Key";
    const hint =
      given === "a Key" || given === "a KeySet"
        ? ` made by wasm-jwt/jwe (this one was made by another copy of wasm-jwt: wasm-jwt, wasm-jwt/hs and wasm-jwt/jwe are separate builds, as are import and require())`
        : ' (a shared secret too: Key.fromJwk({ kty: "oct", k, use: "enc" }))';
    throw new JwtError("invalid_key", `${action} needs ${accepted}${hint}, not ${given}`);
  }

  /** `{ header, plaintext }` from the glue's DecryptedContent, which is freed (its plaintext zeroed). */
  function contentOf(decrypted) {
    try {
      const plaintext = new Uint8Array(glue.initSync().memory.buffer, decrypted.ptr, decrypted.len).slice();
      return { header: JSON.parse(decrypted.header), plaintext };
    } finally {
      decrypted.free();
    }
  }

  /** Decrypts a compact JWE with a key, or the key of a set its `kid` selects: `{ header, plaintext }`. */
  function decrypt(token, key, options) {
    const parsed = decryptOptions.get(options);
    checkToken(token, parsed.maxTokenLength);
    return guarded(() => {
      const inner = keyOf(key, "decrypt", { sets: true });
      return contentOf(isKeySet(key) ? glue.decryptWithKeySet(token, inner, parsed.wasm) : glue.decryptWithKey(token, inner, parsed.wasm));
    });
  }

  /**
   * Decrypts a JWE holding a JWT and checks its claims as verify does: `{ header, payload }`.
   * A nested JWT (`cty: "JWT"`) is verified with `options.verifyKey`, and refused without it.
   */
  function decryptJwt(token, key, options) {
    const { parsed, verifyKey } = readDecryptJwtOptions(options);
    checkToken(token, parsed.maxTokenLength);
    const now = clock();
    return JSON.parse(
      guarded(() => {
        const inner = keyOf(key, "decryptJwt", { sets: true });
        const kind = isKeySet(key) ? "KeySet" : "Key";
        if (verifyKey === undefined) return (kind === "Key" ? glue.decryptJwtWithKey : glue.decryptJwtWithKeySet)(token, inner, parsed.wasm, now);
        const verifyKind = isKeySet(verifyKey) ? "KeySet" : "Key";
        const verifier = verifyKind === "Key" ? liveKey(verifyKey) : liveKeySet(verifyKey);
        return nestedJwt[`${kind},${verifyKind}`](token, inner, parsed.wasm, verifier, now);
      }),
    );
  }

  const encryptOptions = new ParsedOptions(
    (json) => {
      const { alg, enc, header } = membersOf(json);
      const headerJson = header === undefined ? undefined : JSON.stringify(header);
      return guarded(() => new glue.EncryptOptions(algorithmName(alg, "alg"), algorithmName(enc, "enc"), headerJson));
    },
    ENCRYPT_OPTIONS,
    "JWE encrypt",
  );

  /** Encrypts bytes (a string is its UTF-8) for `key` as a compact JWE. */
  function encrypt(plaintext, key, options) {
    const bytes = plaintextBytes(plaintext);
    const parsed = encryptOptions.get(options);
    return guarded(() => glue.encrypt(bytes, keyOf(key, "encrypt", { sets: false }), parsed.wasm));
  }

  /** Encrypts claims (a JSON object) as a JWE holding a JWT. */
  function encryptJwt(payload, key, options) {
    const json = utf8.encode(payloadText(payload));
    const parsed = encryptOptions.get(options);
    return guarded(() => glue.encryptJwt(json, keyOf(key, "encryptJwt", { sets: false }), parsed.wasm));
  }

  return { decrypt, decryptJwt, encrypt, encryptJwt };
}
