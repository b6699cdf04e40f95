// The public API over a wasm-bindgen glue module, made by createApi(glue): api-full.js
// applies it to the full build's glue, hs/api-hs.js to the HMAC-only build's. Each runtime
// entry instantiates its build's wasm its own way, then re-exports one of those.
//
// The glue passes JSON text both ways: options are JSON.stringify'd (once per options
// object), results are JSON.parse'd, and errors arrive as thrown JSON strings
// {"code","message","part"?,"offset"?,"claim"?}, which become JwtError here.

import { JwtError } from "./jwt-error.js";

/** Names a wrong argument's type for an error message, never its value (it may be a secret). */
function describe(value) {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value !== "object") return `a ${typeof value}`;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

function isBytes(value) {
  // Also a Uint8Array from another realm (an iframe, a vm context).
  return value instanceof Uint8Array || Object.prototype.toString.call(value) === "[object Uint8Array]";
}

const utf8 = new TextEncoder();

/** A secret as bytes: a string is its UTF-8 encoding. */
function secretBytes(secret) {
  if (typeof secret === "string") return utf8.encode(secret);
  if (isBytes(secret)) return secret;
  throw new JwtError("invalid_key", `an HMAC secret is a string or a Uint8Array, not ${describe(secret)}`);
}

/** JSON text for a JWK or JWKS given as an object or as text. */
function keyJson(value, what) {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    try {
      return JSON.stringify(value);
    } catch (error) {
      throw new JwtError("invalid_key", `the ${what} could not be turned into JSON: ${error.message}`);
    }
  }
  throw new JwtError("invalid_key", `a ${what} is an object or its JSON text, not ${describe(value)}`);
}

function checkToken(token) {
  if (typeof token !== "string") {
    throw new JwtError("malformed", `a token is a string, not ${describe(token)}`, { part: "token" });
  }
}

// Options objects are read once: what they become is kept per object, so reusing one
// options object costs no conversion per call. Change options by passing a new object.
const optionsJsonCache = new WeakMap();

function optionsText(options) {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new JwtError("invalid_option", `options are an object, not ${describe(options)}`);
  }
  let json = optionsJsonCache.get(options);
  if (json === undefined) {
    try {
      json = JSON.stringify(options);
    } catch (error) {
      throw new JwtError("invalid_option", `the options could not be turned into JSON: ${error.message}`);
    }
    optionsJsonCache.set(options, json);
  }
  return json;
}

// How many distinct options texts a build keeps parsed, for options written inline
// (a new object per call, with the same members each time).
const OPTIONS_TEXT_CACHE_SIZE = 16;

/**
 * Options parsed in wasm (by `read(json)`), kept per options object and, for new
 * objects with the same members, per JSON text; no options share one parsed "{}".
 */
class ParsedOptions {
  #read;
  #byObject = new WeakMap();
  #byText = new Map();

  constructor(read) {
    this.#read = read;
  }

  get(options) {
    if (options === undefined || options === null) return this.#forText("{}");
    let parsed = this.#byObject.get(options);
    if (parsed === undefined) {
      parsed = this.#forText(optionsText(options));
      this.#byObject.set(options, parsed);
    }
    return parsed;
  }

  #forText(json) {
    let parsed = this.#byText.get(json);
    if (parsed === undefined) {
      parsed = this.#read(json);
      // Oldest out first; an evicted one is freed by GC once no options object holds it.
      if (this.#byText.size >= OPTIONS_TEXT_CACHE_SIZE) this.#byText.delete(this.#byText.keys().next().value);
      this.#byText.set(json, parsed);
    }
    return parsed;
  }
}

function payloadText(payload) {
  let json;
  try {
    json = JSON.stringify(payload);
  } catch (error) {
    throw new JwtError("malformed", `the payload could not be turned into JSON: ${error.message}`, { part: "payload" });
  }
  // undefined, functions and symbols have no JSON text; everything else goes to the
  // core, which accepts exactly a JSON object.
  if (json === undefined) {
    throw new JwtError("malformed", `the payload must be a JSON object, not ${describe(payload)}`, { part: "payload" });
  }
  return json;
}

/** The seconds-since-1970 clock passed to the core (an option `now` overrides it there). */
function clock() {
  return Date.now() / 1000;
}

// Keys are made only by the static methods, which pass this token to the constructor.
const CONSTRUCT = Symbol("Key construction");

// Keys for recently used string secrets (per build), so that verify(token, "secret") does
// not rebuild the HMAC key (and its precomputed state) on every call. Oldest out first.
const SECRET_CACHE_SIZE = 16;

/**
 * The API over `glue`, the exports of a wasm-bindgen glue module that it uses (Key,
 * KeySet, VerifyOptions, SignOptions, decode, initSync, sign, verifyWithKey, verifyWithKeySet); the module must be
 * initialised before the API is first called. `buildNote`, for a build that leaves
 * something out, is added to unsupported_alg errors and to the error of a method the
 * glue lacks, to say where the rest is.
 */
export function createApi(glue, { buildNote } = {}) {
  const {
    Key: WasmKey,
    KeySet: WasmKeySet,
    VerifyOptions: WasmVerifyOptions,
    SignOptions: WasmSignOptions,
    decode: decodeJson,
    initSync,
    sign: signJson,
    verifyWithKey,
    verifyWithKeySet,
  } = glue;

  /** Turns what the glue threw into a JwtError; anything else (a bug) passes through. */
  function toJwtError(thrown) {
    if (typeof thrown === "string" && thrown.startsWith("{")) {
      const { code, message, ...details } = JSON.parse(thrown);
      const shown = buildNote !== undefined && code === "unsupported_alg" ? `${message} (${buildNote})` : message;
      return new JwtError(code, shown, details);
    }
    return thrown;
  }

  function guarded(call) {
    try {
      return call();
    } catch (thrown) {
      throw toJwtError(thrown);
    }
  }

  // The HMAC-only build's glue has no PEM methods: its core reads no PEM.
  const hasPem = typeof WasmKey.fromPem === "function";

  function requirePem(method) {
    if (!hasPem) throw new JwtError("unsupported_alg", `${method} is not in this build (${buildNote})`);
  }

  let liveKey;
  let liveKeySet;

  /** A key for signing or verifying. Created by the static methods; free() releases it now. */
  class Key {
    #inner;

    constructor(inner, token) {
      if (token !== CONSTRUCT) throw new JwtError("invalid_key", "use Key.hmac(secret) or Key.fromJwk(jwk) to make a Key");
      this.#inner = inner;
    }

    static #wrap(create) {
      return new Key(guarded(create), CONSTRUCT);
    }

    static hmac(secret) {
      const bytes = secretBytes(secret);
      return Key.#wrap(() => WasmKey.hmac(bytes));
    }

    static fromJwk(jwk) {
      const json = keyJson(jwk, "JWK");
      return Key.#wrap(() => WasmKey.fromJwk(json));
    }

    static fromPem(pem) {
      requirePem("Key.fromPem");
      if (typeof pem !== "string") throw new JwtError("invalid_key", `a PEM key is a string, not ${describe(pem)}`);
      return Key.#wrap(() => WasmKey.fromPem(pem));
    }

    static generate(alg) {
      if (typeof alg !== "string") throw new JwtError("unsupported_alg", `the algorithm is a name such as "ES256", not ${describe(alg)}`);
      return Key.#wrap(() => WasmKey.generate(alg));
    }

    toJwk(options) {
      return JSON.parse(guarded(() => this.#live().toJwk(options?.private === true)));
    }

    toPem() {
      requirePem("key.toPem()");
      return guarded(() => this.#live().toPem());
    }

    thumbprint() {
      return guarded(() => this.#live().thumbprint());
    }

    get isPrivate() {
      return this.#live().isPrivate;
    }

    #live() {
      if (this.#inner === undefined) throw new JwtError("invalid_key", "this Key has been freed");
      return this.#inner;
    }

    get alg() {
      return this.#live().alg;
    }

    get kid() {
      return this.#live().kid;
    }

    /** Releases the key's wasm memory now; without it, garbage collection does it later. */
    free() {
      this.#inner?.free();
      this.#inner = undefined;
    }

    static {
      liveKey = (key) => key.#live();
    }
  }

  /** A JSON Web Key Set; verify picks the key by the token's kid. */
  class KeySet {
    #inner;

    constructor(inner, token) {
      if (token !== CONSTRUCT) throw new JwtError("invalid_key", "use KeySet.fromJwks(jwks) to make a KeySet");
      this.#inner = inner;
    }

    static fromJwks(jwks) {
      const json = keyJson(jwks, "JWKS");
      return new KeySet(guarded(() => WasmKeySet.fromJwks(json)), CONSTRUCT);
    }

    #live() {
      if (this.#inner === undefined) throw new JwtError("invalid_key", "this KeySet has been freed");
      return this.#inner;
    }

    free() {
      this.#inner?.free();
      this.#inner = undefined;
    }

    static {
      liveKeySet = (set) => set.#live();
    }
  }

  const keysBySecret = new Map();

  function keyForSecret(secret) {
    let key = keysBySecret.get(secret);
    if (key === undefined) {
      key = WasmKey.hmac(utf8.encode(secret));
      if (keysBySecret.size >= SECRET_CACHE_SIZE) {
        const [oldest, oldestKey] = keysBySecret.entries().next().value;
        keysBySecret.delete(oldest);
        oldestKey.free();
      }
      keysBySecret.set(secret, key);
    }
    return key;
  }

  /** Calls use(wasmKey) with the key a Key, string secret or Uint8Array secret stands for. */
  function withKey(key, use, action) {
    if (key instanceof Key) return use(liveKey(key));
    if (typeof key === "string") return use(keyForSecret(key));
    if (isBytes(key)) {
      const temporary = WasmKey.hmac(key);
      try {
        return use(temporary);
      } finally {
        temporary.free();
      }
    }
    throw new JwtError("invalid_key", wrongKeyMessage(key, action));
  }

  function wrongKeyMessage(key, action) {
    const given = describe(key);
    if ((given === "a Key" || given === "a KeySet") && !(key instanceof KeySet)) {
      return `${action} was given ${given} made by another copy of wasm-jwt (import and require() load separate copies, and wasm-jwt/hs is a build of its own); make keys with the copy that uses them`;
    }
    const accepted = action === "verify" ? "a Key, a KeySet, a string secret or a Uint8Array secret" : "a Key, a string secret or a Uint8Array secret";
    return `${action} needs ${accepted}, not ${given}`;
  }

  /** Decodes a token without verifying it. */
  function decode(token) {
    checkToken(token);
    return JSON.parse(guarded(() => decodeJson(token)));
  }

  const verifyOptions = new ParsedOptions((json) => guarded(() => WasmVerifyOptions.fromJson(json)));

  /** Verifies a token's signature and claims; returns its header and payload. */
  function verify(token, key, options) {
    checkToken(token);
    const wasmOptions = verifyOptions.get(options);
    const now = clock();
    return JSON.parse(
      guarded(() =>
        key instanceof KeySet
          ? verifyWithKeySet(token, liveKeySet(key), wasmOptions, now)
          : withKey(key, (wasmKey) => verifyWithKey(token, wasmKey, wasmOptions, now), "verify"),
      ),
    );
  }

  const signOptions = new ParsedOptions((json) => guarded(() => WasmSignOptions.fromJson(json)));

  /** Signs a payload (a JSON object) into a compact JWS. */
  function sign(payload, key, options) {
    const payloadJson = payloadText(payload);
    const wasmOptions = signOptions.get(options);
    const now = clock();
    return guarded(() => withKey(key, (wasmKey) => signJson(payloadJson, wasmKey, wasmOptions, now), "sign"));
  }

  /**
   * Bytes of WebAssembly memory the module holds (it grows and never shrinks): for
   * checking that a workload does not leak. initSync() returns the already-initialised
   * instance's exports.
   */
  function memoryBytes() {
    return initSync().memory.buffer.byteLength;
  }

  return { JwtError, Key, KeySet, decode, verify, sign, memoryBytes };
}
