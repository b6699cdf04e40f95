// The public API over a wasm-bindgen glue module, made by createApi(glue): api-verify.js
// applies it to the verify build's glue (wasm-jwt), sign/api-sign.js to the signing build's
// (wasm-jwt/sign), hs/api-hs.js to the HMAC-only build's, jwe/ to the JWE build's (whose
// jwe/api-jwe.js adds decrypt and encrypt with the helpers exported here and the API's
// `internals`). Each runtime entry instantiates its build's wasm its own way, then
// re-exports one of those.
//
// The glue passes JSON text both ways: options are read member by member (once per
// options object) and handed over as JSON text, results are JSON.parse'd, and errors
// arrive as thrown JSON strings {"code","message","part"?,"offset"?,"claim"?}, which
// become JwtError here. Nothing larger than its limit crosses into wasm: wasm memory
// grows and never shrinks, so a rejected input must be rejected here.

import { JwtError } from "./jwt-error.js";

/** Names a wrong argument's type for an error message, never its value (it may be a secret). */
export function describe(value) {
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value !== "object") return `a ${typeof value}`;
  let name;
  try {
    name = Object.getPrototypeOf(value)?.constructor?.name;
  } catch {
    // A Proxy whose traps throw: nothing more can be said safely.
  }
  return typeof name === "string" && name && name !== "Object" ? `a ${name}` : "an object";
}

export function isBytes(value) {
  // Also a Uint8Array from another realm (an iframe, a vm context). A Proxy's traps may throw.
  try {
    return value instanceof Uint8Array || Object.prototype.toString.call(value) === "[object Uint8Array]";
  } catch {
    return false;
  }
}

const utf8 = new TextEncoder();

/** The most bytes a secret and UTF-16 units a JWK, JWKS or PEM text may have; more never crosses into wasm. */
const MAX_KEY_INPUT_LENGTH = 1 << 20;

// Key input is copied into this one buffer (grown as needed, zeroed after each use) rather
// than into a new one per call: many short-lived buffers make V8 collect garbage far more
// often, which made keys created by the thousand slow.
let scratch = new Uint8Array(1024);

function scratchOf(length) {
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  return scratch;
}

/**
 * A key input (secret, JWK, JWKS or PEM text) as bytes in the scratch buffer: a string is
 * its UTF-8 encoding, and bytes are copied, so that a shared buffer cannot change under
 * the core and the copy is zeroed after use (see `withKeyBytes`). Undefined for other types.
 */
function keyInputBytes(value, what) {
  if (typeof value === "string") {
    if (value.length > MAX_KEY_INPUT_LENGTH) tooLargeKey(what, value.length, "characters");
    const buffer = scratchOf(value.length * 3);
    return buffer.subarray(0, utf8.encodeInto(value, buffer).written);
  }
  if (!isBytes(value)) return undefined;
  if (value.byteLength > MAX_KEY_INPUT_LENGTH) tooLargeKey(what, value.byteLength, "bytes");
  const buffer = scratchOf(value.byteLength);
  try {
    buffer.set(value);
  } catch {
    throw new JwtError("invalid_key", `the ${what} is a Uint8Array that cannot be read: its buffer has been detached (transferred)`);
  }
  return buffer.subarray(0, value.byteLength);
}

function tooLargeKey(what, length, unit) {
  throw new JwtError("too_large", `the ${what} is ${length} ${unit} long; at most ${MAX_KEY_INPUT_LENGTH} are accepted`);
}

/** Calls use(bytes), then zeroes the bytes: secret input leaves no copy on the JS side either. */
function withKeyBytes(bytes, use) {
  try {
    return use(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** A secret as bytes: a string is its UTF-8 encoding. */
function secretBytes(secret) {
  const bytes = keyInputBytes(secret, "HMAC secret");
  if (bytes === undefined) throw new JwtError("invalid_key", `an HMAC secret is a string or a Uint8Array, not ${describe(secret)}`);
  return bytes;
}

/** UTF-8 JSON text for a JWK or JWKS given as an object or as text. */
function keyJson(value, what) {
  if (typeof value === "string") return keyInputBytes(value, what);
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    let json;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      throw new JwtError("invalid_key", `the ${what} could not be turned into JSON: ${error.message}`);
    }
    return keyInputBytes(json, what);
  }
  throw new JwtError("invalid_key", `a ${what} is an object or its JSON text, not ${describe(value)}`);
}

export function checkToken(token, maxLength) {
  if (typeof token !== "string") {
    throw new JwtError("malformed", `a token is a string, not ${describe(token)}`, { part: "token" });
  }
  // In UTF-16 units, before encoding: a token within the limit is at most 3x as many bytes,
  // and the core checks the bytes again.
  if (token.length > maxLength) {
    throw new JwtError("too_large", `the token is ${token.length} characters long; the limit is ${maxLength} (maxTokenLength)`, { part: "token" });
  }
}

const DEFAULT_MAX_TOKEN_LENGTH = 65536;
// Options copies have no prototype, so that a polluted Object.prototype (say, its
// maxTokenLength or leeway) is never read through them.
const NO_OPTIONS = Object.freeze(Object.create(null));
export const VERIFY_OPTIONS = ["algorithms", "issuer", "audience", "subject", "typ", "leeway", "now", "maxAge", "required", "maxTokenLength", "maxKeysTried"];
const SIGN_OPTIONS = ["alg", "header", "expiresIn", "notBefore", "issuedAt", "now"];

export function invalidOption(message) {
  return new JwtError("invalid_option", message);
}

/**
 * The objects whose members count as options: the options object and the prototypes it
 * inherits from, up to but not including a realm's Object.prototype (whatever a polluted
 * Object.prototype holds is never read).
 */
function optionHolders(options) {
  const holders = [options];
  for (let holder = Object.getPrototypeOf(options); holder !== null && Object.getPrototypeOf(holder) !== null; holder = Object.getPrototypeOf(holder)) {
    holders.push(holder);
  }
  return holders;
}

/** Refuses what JSON would silently change: non-finite numbers, undefined in arrays, bigints, functions. */
function checkJsonValue(value, path) {
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) throw invalidOption(`the option "${path}" must be a finite number, not ${value}`);
      return;
    case "object":
      if (value === null) return;
      if (Array.isArray(value)) {
        value.forEach((item, i) => checkJsonValue(item, `${path}[${i}]`));
      } else {
        for (const name of Object.keys(value)) {
          if (value[name] !== undefined) checkJsonValue(value[name], `${path}.${name}`);
        }
      }
      return;
    default:
      throw invalidOption(`the option "${path}" is ${describe(value)}, which is not a valid value`);
  }
}

/**
 * The known options as an object without a prototype: each read by normal property access (own,
 * inherited, getter or not), checked for what JSON cannot carry; an unknown name is
 * refused, so that a typo cannot silently turn a check off.
 */
export function readOptions(options, known, what) {
  if (typeof options !== "object" || Array.isArray(options)) {
    throw invalidOption(`${what} options are an object, not ${describe(options)}`);
  }
  try {
    const holders = optionHolders(options);
    holders.forEach((holder, depth) => {
      // The object's own names, enumerable or not; a prototype's enumerable ones (not a class's methods).
      const names = depth === 0 ? Object.getOwnPropertyNames(holder) : Object.keys(holder);
      const unknown = names.find((name) => !known.includes(name) && !(depth > 0 && name === "constructor"));
      if (unknown !== undefined) throw invalidOption(`"${unknown.slice(0, 40)}" is not a ${what} option`);
    });
    const plain = Object.create(null);
    for (const name of known) {
      if (!holders.some((holder) => Object.prototype.hasOwnProperty.call(holder, name))) continue;
      const value = options[name];
      if (value === undefined || value === null) continue;
      checkJsonValue(value, name);
      plain[name] = value;
    }
    return plain;
  } catch (error) {
    throw unreadable(error, what);
  }
}

/** What a throw while reading `what` options becomes: invalid_option, unless it is a JwtError already. */
function unreadable(error, what) {
  return error instanceof JwtError ? error : invalidOption(`the ${what} options could not be read (${error?.name ?? "error"})`);
}

// How many distinct options texts a build keeps parsed, for options written inline
// (a new object per call, with the same members each time).
const OPTIONS_TEXT_CACHE_SIZE = 16;

/**
 * What was read from each options object, kept until the object changes: at every use the
 * object is compared with what it held when read (its own enumerable members, and those
 * readOptions read besides, such as a class's getter or a prototype's member; nested arrays
 * and objects by identity and members), and read again if it changed, so that an option set
 * or changed on an object already used takes effect, as it would with jose.
 */
export class ReadPerObject {
  #byObject = new WeakMap();
  #what;

  /** `what`: the options' name in messages ("verify"...). */
  constructor(what) {
    this.#what = what;
  }

  /** The value `read()` gave for `options` (`{ value, plain }`, `plain` what readOptions read). */
  get(options, read) {
    const kept = this.#byObject.get(options);
    if (kept !== undefined && this.#holdsStill(options, kept)) return kept.value;
    const { value, plain } = read();
    this.#byObject.set(options, { value, ...this.#guarded(() => heldOptions(options, plain)) });
    return value;
  }

  #holdsStill(options, { held, others, otherCopies }) {
    return this.#guarded(() => sameValue(options, held) && (others.length === 0 || others.every((name, i) => sameValue(options[name], otherCopies[i]))));
  }

  /** `compare()`, with a getter's or a proxy's throw as invalid_option, as readOptions does. */
  #guarded(compare) {
    try {
      return compare();
    } catch (error) {
      throw unreadable(error, this.#what);
    }
  }
}

/** What `options` held: a copy, and the names and copies of what `plain` has that it does not enumerate. */
function heldOptions(options, plain) {
  const held = copyOf(options);
  const others = Object.keys(plain).filter((name) => !held[1].includes(name));
  return { held, others, otherCopies: others.map((name) => copyOf(options[name])) };
}

/**
 * Options read per options object (`readOptions`, kept by ReadPerObject), then parsed in
 * wasm (by `read(json)`, which checks types and ranges) and kept per JSON text too, for new
 * objects with the same members. Each entry is `{ wasm, maxTokenLength }`.
 */
export class ParsedOptions {
  #read;
  #known;
  #what;
  #byObject;
  #byText = new Map();

  constructor(read, known, what) {
    this.#read = read;
    this.#known = known;
    this.#what = what;
    this.#byObject = new ReadPerObject(what);
  }

  get(options) {
    if (options === undefined || options === null) return this.#forText("{}", NO_OPTIONS);
    return this.#byObject.get(options, () => {
      const plain = readOptions(options, this.#known, this.#what);
      return { value: this.#forText(JSON.stringify(plain), plain), plain };
    });
  }

  #forText(json, plain) {
    let parsed = this.#byText.get(json);
    if (parsed === undefined) {
      parsed = { wasm: this.#read(json), maxTokenLength: plain.maxTokenLength ?? DEFAULT_MAX_TOKEN_LENGTH };
      // Oldest out first; an evicted one is freed by GC once no options object holds it.
      if (this.#byText.size >= OPTIONS_TEXT_CACHE_SIZE) this.#byText.delete(this.#byText.keys().next().value);
      this.#byText.set(json, parsed);
    }
    return parsed;
  }
}

const { hasOwnProperty } = Object.prototype;

/**
 * A copy of what a value holds: itself if not an object; else `[object, names, copies]`,
 * its own enumerable names in `for...in` order (null for an array; inherited ones, such as
 * a polluted Object.prototype's, are never walked) and a copy of each member.
 */
function copyOf(value) {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return [value, null, value.map(copyOf)];
  const names = [];
  for (const name in value) if (hasOwnProperty.call(value, name)) names.push(name);
  return [value, names, names.map((name) => copyOf(value[name]))];
}

/** Whether `value` is what `copy` (made by copyOf) holds; it recurses only as deep as the copy. */
function sameValue(value, copy) {
  if (!Array.isArray(copy)) return value === copy;
  if (value !== copy[0]) return false;
  const names = copy[1];
  const copies = copy[2];
  let i = 0;
  if (names === null) {
    if (value.length !== copies.length) return false;
    for (; i < copies.length; i++) if (!sameValue(value[i], copies[i])) return false;
    return true;
  }
  for (const name in value) {
    if (!hasOwnProperty.call(value, name)) continue;
    if (name !== names[i] || !sameValue(value[name], copies[i++])) return false;
  }
  return i === names.length;
}

export function payloadText(payload) {
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
export function clock() {
  return Date.now() / 1000;
}

// Keys are made only by the static methods, which pass this token to the constructor.
const CONSTRUCT = Symbol("Key construction");

// Keys for recently used string secrets (per build), so that verify(token, "secret") does
// not rebuild the HMAC key on every call. Oldest out first.
const SECRET_CACHE_SIZE = 16;

// `using key = Key.hmac(…)` frees a key at the end of its block, where the runtime has it.
const dispose = typeof Symbol.dispose === "symbol" ? Symbol.dispose : undefined;

/**
 * The API over `glue`, the exports of a wasm-bindgen glue module that it uses (Key,
 * KeySet, VerifyOptions, SignOptions, decode, initSync, sign, verifyWithKey, verifyWithKeySet); the module must be
 * initialised before the API is first called. `buildNote`, for a build that leaves
 * something out, is added to unsupported_alg errors and to the error of a method the
 * glue lacks, to say where the rest is (wasm-jwt/hs: Key.fromPem, toPem). `signingNote`,
 * for a build without signing (wasm-jwt), is added to the errors of sign and Key.generate
 * only (its core names wasm-jwt/sign itself when it refuses a private key); it defaults
 * to `buildNote`.
 *
 * `platform`, where the runtime has fast synchronous crypto (Node), checks and makes RSA,
 * ECDSA and EdDSA signatures: `{ publicKey(spkiDer) -> handle,
 * verify(alg, handle, signingInput, signature) -> boolean, privateKey(pkcs8Der) -> handle,
 * sign(alg, handle, signingInput) -> base64url signature }`. The core still does every other check,
 * before (structure, header, key choice, the signature's form: the glue's
 * verifyByPlatformWith*, which asks the platform during the call; the payload, options and
 * key: signStart) and after (claims); where the platform throws, the core checks that
 * signature itself, and signs itself.
 *
 * `createPlatformPaths` (platform-paths.js), given by the entries of the builds with RSA,
 * ECDSA and EdDSA keys (not wasm-jwt/hs, so that its bundle leaves that code out), makes
 * those paths over the glue's verifyStartWith* and signStart: the synchronous ones when
 * there is a `platform`, and `verifyStart` for verifyAsync's WebCrypto path. Without it
 * every signature is the core's.
 */
export function createApi(glue, { buildNote, signingNote = buildNote, platform, createPlatformPaths } = {}) {
  const {
    Key: WasmKey,
    KeySet: WasmKeySet,
    VerifyOptions: WasmVerifyOptions,
    SignOptions: WasmSignOptions,
    decode: decodeTexts,
    initSync,
    sign: signJson,
    verifyWithKey,
    verifyWithKeySet,
    tokenDigest,
  } = glue;

  // The wasm stack pointer (a global scripts/build.mjs exports) when no call is running,
  // read at the first call: a trap (out of memory) leaves it where the trapped call had
  // moved it, and it is put back, so that traps cannot use up the stack.
  let stackBase;

  function stackPointer() {
    return initSync().__stack_pointer;
  }

  /** Turns what the glue threw into a JwtError; anything else (a bug) passes through. */
  function toJwtError(thrown) {
    if (typeof thrown === "string" && thrown.startsWith("{")) {
      const { code, message, ...details } = JSON.parse(thrown);
      const shown = buildNote !== undefined && code === "unsupported_alg" ? `${message} (${buildNote})` : message;
      return new JwtError(code, shown, details);
    }
    if (thrown instanceof WebAssembly.RuntimeError) {
      if (stackBase !== undefined) stackPointer().value = stackBase;
      return new JwtError("internal", `the WebAssembly module stopped (${thrown.message}), most likely out of memory; the call was abandoned and the module can be used again`);
    }
    return thrown;
  }

  function guarded(call) {
    stackBase ??= stackPointer()?.value;
    try {
      return call();
    } catch (thrown) {
      throw toJwtError(thrown);
    }
  }

  // The HMAC-only build's glue has no PEM methods: its core reads no PEM. The verify
  // build's has no signing and no key generation.
  const hasPem = typeof WasmKey.fromPem === "function";
  const hasSign = typeof signJson === "function";
  const hasGenerate = typeof WasmKey.generate === "function";
  // wasm-jwt/hs exports no key: its keys are all secrets, and exporting one goes with signing.
  const hasExport = typeof WasmKey.prototype.toJwk === "function";

  /** Throws unless `present`: `method` is not in this build, and `note` says where it is. */
  function requireInBuild(present, method, note = buildNote) {
    if (!present) throw new JwtError("unsupported_alg", `${method} is not in this build (${note})`);
  }

  let liveKey;
  let liveKeySet;

  // The platform's paths (platform-paths.js), made once the classes and the options exist.
  let paths;

  function verifiedWithKey(token, wasmKey, key, wasmOptions, now) {
    return paths.verifiedWithKey?.(token, wasmKey, key, wasmOptions, now) ?? verifyWithKey(token, wasmKey, wasmOptions, now);
  }

  function verifiedWithKeySet(token, set, wasmOptions, now) {
    const wasmSet = liveKeySet(set);
    return paths.verifiedWithKeySet?.(token, set, wasmSet, wasmOptions, now) ?? verifyWithKeySet(token, wasmSet, wasmOptions, now);
  }
  let isKey;
  let isKeySet;

  /** A key for signing or verifying. Created by the static methods; free() releases it now. */
  class Key {
    #inner;

    constructor(inner, token) {
      if (token !== CONSTRUCT) throw new JwtError("invalid_key", "use Key.hmac(secret) or Key.fromJwk(jwk) to make a Key");
      this.#inner = inner;
    }

    /** Makes a key from key input bytes, which are zeroed afterwards (the core zeroes its copy). */
    static #fromBytes(bytes, create) {
      return new Key(withKeyBytes(bytes, (b) => guarded(() => create(b))), CONSTRUCT);
    }

    static hmac(secret) {
      return Key.#fromBytes(secretBytes(secret), WasmKey.hmac);
    }

    static fromJwk(jwk) {
      return Key.#fromBytes(keyJson(jwk, "JWK"), WasmKey.fromJwk);
    }

    static fromPem(pem) {
      requireInBuild(hasPem, "Key.fromPem");
      if (typeof pem !== "string") throw new JwtError("invalid_key", `a PEM key is a string, not ${describe(pem)}`);
      return Key.#fromBytes(keyInputBytes(pem, "PEM text"), WasmKey.fromPem);
    }

    static generate(alg) {
      requireInBuild(hasGenerate, "Key.generate", signingNote);
      if (typeof alg !== "string") throw new JwtError("unsupported_alg", `the algorithm is a name such as "ES256", not ${describe(alg)}`);
      return new Key(guarded(() => WasmKey.generate(alg)), CONSTRUCT);
    }

    toJwk(options) {
      requireInBuild(hasExport, "key.toJwk()", signingNote);
      return JSON.parse(guarded(() => liveKey(this).toJwk(options?.private === true)));
    }

    toPem() {
      requireInBuild(hasPem, "key.toPem()");
      return guarded(() => liveKey(this).toPem());
    }

    thumbprint() {
      requireInBuild(hasExport, "key.thumbprint()", signingNote);
      return guarded(() => liveKey(this).thumbprint());
    }

    get isPrivate() {
      return liveKey(this).isPrivate;
    }

    get alg() {
      return liveKey(this).alg;
    }

    get kid() {
      return liveKey(this).kid;
    }

    /** Releases the key's wasm memory now; without it, garbage collection does it later. */
    free() {
      if (!isKey(this)) return;
      this.#inner?.free();
      this.#inner = undefined;
    }

    static {
      // Private-field checks: a forged object (Object.create(Key.prototype)) or a Proxy
      // is not a Key, and asking never runs a Proxy's traps.
      isKey = (value) => value !== null && typeof value === "object" && #inner in value;
      liveKey = (key) => {
        if (!isKey(key)) throw new JwtError("invalid_key", "this object is not a Key made by Key.hmac, Key.fromJwk, Key.fromPem or Key.generate");
        if (key.#inner === undefined) throw new JwtError("invalid_key", "this Key has been freed");
        return key.#inner;
      };
      if (dispose !== undefined) Key.prototype[dispose] = Key.prototype.free;
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
      return new KeySet(withKeyBytes(json, (bytes) => guarded(() => WasmKeySet.fromJwks(bytes))), CONSTRUCT);
    }

    free() {
      if (!isKeySet(this)) return;
      this.#inner?.free();
      this.#inner = undefined;
    }

    static {
      isKeySet = (value) => value !== null && typeof value === "object" && #inner in value;
      liveKeySet = (set) => {
        if (set.#inner === undefined) throw new JwtError("invalid_key", "this KeySet has been freed");
        return set.#inner;
      };
      if (dispose !== undefined) KeySet.prototype[dispose] = KeySet.prototype.free;
    }
  }

  const keysBySecret = new Map();

  function keyForSecret(secret) {
    let key = keysBySecret.get(secret);
    if (key === undefined) {
      key = withKeyBytes(secretBytes(secret), (bytes) => WasmKey.hmac(bytes));
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
    if (isKey(key)) return use(liveKey(key));
    if (typeof key === "string") return use(keyForSecret(key));
    if (isBytes(key)) {
      const temporary = withKeyBytes(secretBytes(key), (bytes) => WasmKey.hmac(bytes));
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
    if (given === "a Key" || given === "a KeySet") {
      return `${action} was given ${given} made by another copy of wasm-jwt (import and require() load separate copies, and each entry, wasm-jwt, wasm-jwt/sign, wasm-jwt/hs, wasm-jwt/hs/sign and wasm-jwt/jwe, is a build of its own), or a forged one; make keys with the copy that uses them`;
    }
    const accepted = action === "verify" ? "a Key, a KeySet, a string secret or a Uint8Array secret" : "a Key, a string secret or a Uint8Array secret";
    return `${action} needs ${accepted}, not ${given}`;
  }

  /** Decodes a token without verifying it. */
  function decode(token) {
    checkToken(token, DEFAULT_MAX_TOKEN_LENGTH);
    const texts = guarded(() => decodeTexts(token));
    const end = texts.indexOf("\0");
    return { header: JSON.parse(texts.slice(0, end)), payload: JSON.parse(texts.slice(end + 1)), signature: token.slice(token.lastIndexOf(".") + 1) };
  }

  const verifyOptions = new ParsedOptions((json) => guarded(() => WasmVerifyOptions.fromJson(json)), VERIFY_OPTIONS, "verify");
  paths = createPlatformPaths?.({ glue, platform, guarded, isKey, liveKey, isKeySet, liveKeySet, verifyOptions }) ?? {};

  /** Verifies a token's signature and claims; returns its header and payload. */
  function verify(token, key, options) {
    const parsed = verifyOptions.get(options);
    checkToken(token, parsed.maxTokenLength);
    const now = clock();
    return JSON.parse(
      guarded(() =>
        isKeySet(key)
          ? verifiedWithKeySet(token, key, parsed.wasm, now)
          : withKey(key, (wasmKey) => verifiedWithKey(token, wasmKey, isKey(key) ? key : undefined, parsed.wasm, now), "verify"),
      ),
    );
  }

  const signOptions = new ParsedOptions((json) => guarded(() => WasmSignOptions.fromJson(json)), SIGN_OPTIONS, "sign");

  /** Signs a payload (a JSON object) into a compact JWS. */
  function sign(payload, key, options) {
    requireInBuild(hasSign, "sign", signingNote);
    const payloadJson = payloadText(payload);
    const parsed = signOptions.get(options);
    const now = clock();
    return guarded(() =>
      withKey(
        key,
        (wasmKey) => paths.signed?.(payloadJson, isKey(key) ? key : undefined, wasmKey, parsed.wasm, now) ?? signJson(payloadJson, wasmKey, parsed.wasm, now),
        "sign",
      ),
    );
  }

  /**
   * Bytes of WebAssembly memory the module holds (it grows and never shrinks): for
   * checking that a workload does not leak. initSync() returns the already-initialised
   * instance's exports.
   */
  function memoryBytes() {
    return initSync().memory.buffer.byteLength;
  }

  // `internals`: what jwe/api-jwe.js needs to take this API's keys and throw its errors,
  // and verifier.js to read options and key its cache.
  const internals = { guarded, isKey, liveKey, isKeySet, liveKeySet, tokenDigest, verifyOptions };
  return { JwtError, Key, KeySet, decode, verify, sign, memoryBytes, verifyStart: paths.verifyStart, internals };
}
