// What createApi does with the keys only the builds with RSA, ECDSA and EdDSA keys have
// (wasm-jwt, wasm-jwt/sign, wasm-jwt/jwe; not wasm-jwt/hs, whose keys are secrets, which
// the core alone uses): the runtime's crypto checks or makes their signatures, the core
// every other check. Those builds' entries hand createPlatformPaths to createApi, which
// calls it with what the paths need; wasm-jwt/hs's bundle leaves this module out.

import { checkToken, clock } from "./api.js";

/**
 * The paths over `glue` (its verifyStartWith*, signStart, initSync) for the keys of one
 * API (`isKey`, `liveKey`, `isKeySet`, `liveKeySet`, `guarded`, `verifyOptions`), with
 * `platform` (see createApi) when the runtime has fast synchronous crypto:
 * `{ verifiedWithKey, verifiedWithKeySet, signed }`, each undefined when the platform
 * cannot do it (then the core does all), and `verifyStart` for verifyAsync.
 */
export function createPlatformPaths({ glue, platform, guarded, isKey, liveKey, isKeySet, liveKeySet, verifyOptions }) {
  const { initSync, signStart, verifyStartWithKey, verifyStartWithKeySet } = glue;
  // The platform's handles for a Key's public and private halves and for a KeySet's keys
  // by position: made on first use; null when there is none.
  const publicHandles = new WeakMap();
  const privateHandles = new WeakMap();
  const setHandles = new WeakMap();

  /**
   * The platform's handle for signing with a private key, or null (a secret, a public key,
   * or refused). The PKCS#8 DER is read where it lies in wasm memory, then zeroed there.
   */
  function platformSigner(wasmKey) {
    const staged = wasmKey.platformPrivateKey();
    if (staged === undefined) return null;
    try {
      return platform.privateKey(new Uint8Array(initSync().memory.buffer, staged.ptr, staged.len));
    } catch {
      return null;
    } finally {
      staged.free();
    }
  }

  /** The platform's handle for a public key given as SPKI DER, or null (none, or refused). */
  function platformKey(spki) {
    if (spki === undefined) return null;
    try {
      return platform.publicKey(spki);
    } catch {
      return null;
    }
  }

  function platformSignerOf(key) {
    let handle = privateHandles.get(key);
    if (handle === undefined) privateHandles.set(key, (handle = platformSigner(liveKey(key))));
    return handle;
  }

  function platformKeyOf(key) {
    let handle = publicHandles.get(key);
    if (handle === undefined) publicHandles.set(key, (handle = platformKey(liveKey(key).platformPublicKey())));
    return handle;
  }

  function platformKeyOfSet(set, index) {
    let handles = setHandles.get(set);
    if (handles === undefined) setHandles.set(set, (handles = new Map()));
    let handle = handles.get(index);
    if (handle === undefined) {
      handle = platformKey(liveKeySet(set).platformPublicKey(index));
      handles.set(index, handle);
    }
    return handle;
  }

  /** A token signed by the platform, or undefined when it cannot (then the core signs). */
  function signed(payloadJson, key, wasmKey, wasmOptions, now) {
    if (key === undefined || platformSignerOf(key) === null) return undefined;
    const unsigned = signStart(payloadJson, wasmKey, wasmOptions, now);
    if (unsigned === undefined) return undefined;
    try {
      const input = unsigned.input;
      return `${input}.${platform.sign(unsigned.alg, platformSignerOf(key), input)}`;
    } catch {
      return undefined;
    } finally {
      unsigned.free();
    }
  }

  // Algorithm names by where the core keeps them and their length (static data: one place
  // per name for the module's life).
  const algorithmNames = new Map();
  function algorithmNamed(memory, at, length) {
    const place = at + length * 2 ** 32;
    let name = algorithmNames.get(place);
    if (name === undefined) {
      name = String.fromCharCode.apply(null, new Uint8Array(memory, at, length));
      algorithmNames.set(place, name);
    }
    return name;
  }

  /**
   * The token verified with the platform checking the signature (`pending`, from the
   * glue's verifyStartWith*), or undefined when it cannot (then the core does all).
   */
  function finishedByPlatform(pending, handleAt, wasmOptions, now) {
    let matched;
    try {
      const layout = pending.layout();
      const handles = Array.from(layout.subarray(6), handleAt);
      if (!handles.every((handle) => handle !== null)) throw new Error("a candidate key has no platform handle");
      // Read in place, not copied out: no export runs between here and the checks (handleAt
      // may have run one, which can grow the memory, hence the buffer taken after it).
      const memory = initSync().memory.buffer;
      const alg = algorithmNamed(memory, layout[0], layout[1]);
      const input = new Uint8Array(memory, layout[2], layout[3]);
      const signature = new Uint8Array(memory, layout[4], layout[5]);
      matched = handles.some((handle) => platform.verify(alg, handle, input, signature));
    } catch {
      pending.free();
      return undefined;
    }
    return pending.finish(matched, wasmOptions, now);
  }

  function verifiedWithKey(token, wasmKey, key, wasmOptions, now) {
    if (key === undefined || platformKeyOf(key) === null) return undefined;
    const pending = verifyStartWithKey(token, wasmKey, wasmOptions);
    return pending && finishedByPlatform(pending, () => platformKeyOf(key), wasmOptions, now);
  }

  function verifiedWithKeySet(token, set, wasmSet, wasmOptions, now) {
    const pending = verifyStartWithKeySet(token, wasmSet, wasmOptions);
    return pending && finishedByPlatform(pending, (index) => platformKeyOfSet(set, index), wasmOptions, now);
  }

  // Each key's SPKI DER for verifyStart, read out of wasm once per Key (or per key of a
  // KeySet; neither ever changes): the same Uint8Array every time, which also lets
  // webcrypto-signatures.js keep its CryptoKey by it. null: the key has none (a secret).
  const spkiByOwner = new WeakMap();
  function platformSpki(owner, inner, single, index) {
    let byIndex = spkiByOwner.get(owner);
    if (byIndex === undefined) spkiByOwner.set(owner, (byIndex = new Map()));
    let spki = byIndex.get(index);
    if (spki === undefined) {
      spki = (single ? inner.platformPublicKey() : inner.platformPublicKey(index)) ?? null;
      byIndex.set(index, spki);
    }
    return spki ?? undefined;
  }

  /**
   * For verifyAsync (remote-key-set.js), where the platform's crypto is asynchronous
   * (WebCrypto): the token checked up to its signature by the core, as `{ alg,
   * signingInput, signature, candidates: SPKI DER[], finish(matched) -> verified }`
   * (finish checks the claims with the clock read now), or undefined when the core checks
   * this signature itself (HMAC, EdDSA, a secret). Throws what verify throws for anything
   * before the signature.
   */
  function verifyStart(token, key, options) {
    if (!(isKey(key) || isKeySet(key))) return undefined;
    const parsed = verifyOptions.get(options);
    checkToken(token, parsed.maxTokenLength);
    const now = clock();
    return guarded(() => {
      const single = isKey(key);
      const inner = single ? liveKey(key) : liveKeySet(key);
      const pending = single ? verifyStartWithKey(token, inner, parsed.wasm) : verifyStartWithKeySet(token, inner, parsed.wasm);
      if (pending === undefined) return undefined;
      const candidates = Array.from(pending.candidates(), (index) => platformSpki(key, inner, single, index));
      if (candidates.some((spki) => spki === undefined)) {
        pending.free();
        return undefined;
      }
      return {
        alg: pending.alg,
        signingInput: pending.signingInput(),
        signature: pending.signature(),
        candidates,
        finish: (matched) => JSON.parse(guarded(() => pending.finish(matched, parsed.wasm, now))),
        abandon: () => pending.free(),
      };
    });
  }

  const synchronous = platform === undefined ? {} : { verifiedWithKey, verifiedWithKeySet, signed };
  return { ...synchronous, verifyStart };
}
