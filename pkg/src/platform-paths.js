// What createApi does with the keys only the builds with RSA, ECDSA and EdDSA keys have
// (wasm-jwt, wasm-jwt/sign, wasm-jwt/jwe; not wasm-jwt/hs, whose keys are secrets, which
// the core alone uses): the runtime's crypto checks or makes their signatures, the core
// every other check. Those builds' entries hand createPlatformPaths to createApi, which
// calls it with what the paths need; wasm-jwt/hs's bundle leaves this module out.

import { checkToken, clock } from "./api.js";

/**
 * The paths over `glue` (its verifyByPlatformWith*, verifyStartWith*, signStart, initSync)
 * for the keys of one API (`isKey`, `liveKey`, `isKeySet`, `liveKeySet`, `guarded`,
 * `verifyOptions`), with
 * `platform` (see createApi) when the runtime has fast synchronous crypto:
 * `{ verifiedWithKey, verifiedWithKeySet, signed }`, each undefined when the platform
 * cannot do it (then the core does all), and `verifyStart` for verifyAsync.
 */
export function createPlatformPaths({ glue, platform, guarded, isKey, liveKey, isKeySet, liveKeySet, verifyOptions }) {
  const { initSync, signStart, verifyByPlatformWithKey, verifyByPlatformWithKeySet, verifyStartWithKey, verifyStartWithKeySet } = glue;
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
   * The core's `PlatformCheck` for a key or a key set (`handleAt(candidate)` gives a
   * candidate's platform handle): it checks a signature with the platform's crypto, reading
   * the algorithm's name, the signing input and the signature where they lie in wasm memory,
   * during the core's verifyByPlatformWith* call. 1: matches, 0: does not, -1: the platform
   * cannot check it (no handle, or it throws), and the core does.
   */
  function platformCheck(handleAt) {
    return {
      check(algAt, algLength, inputAt, inputLength, signatureAt, signatureLength, candidate) {
        try {
          const handle = handleAt(candidate);
          if (handle === null) return -1;
          // Taken after handleAt, whose first use of a key set's key calls an export, which
          // can grow the memory.
          const memory = initSync().memory.buffer;
          const input = new Uint8Array(memory, inputAt, inputLength);
          const signature = new Uint8Array(memory, signatureAt, signatureLength);
          return platform.verify(algorithmNamed(memory, algAt, algLength), handle, input, signature) ? 1 : 0;
        } catch {
          return -1;
        }
      },
    };
  }

  // Each Key's or KeySet's check, made once (`handleOf(owner, candidate)` gives the handle).
  const checks = new WeakMap();
  function platformCheckOf(owner, handleOf) {
    let check = checks.get(owner);
    if (check === undefined) checks.set(owner, (check = platformCheck((candidate) => handleOf(owner, candidate))));
    return check;
  }

  function verifiedWithKey(token, wasmKey, key, wasmOptions, now) {
    if (key === undefined || platformKeyOf(key) === null) return undefined;
    return verifyByPlatformWithKey(token, wasmKey, wasmOptions, now, platformCheckOf(key, platformKeyOf));
  }

  function verifiedWithKeySet(token, set, wasmSet, wasmOptions, now) {
    return verifyByPlatformWithKeySet(token, wasmSet, wasmOptions, now, platformCheckOf(set, platformKeyOfSet));
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
   * signingInput(), signature(), candidates: SPKI DER[], finish(matched) -> verified }`
   * (finish checks the claims with the clock read now), or undefined when the core checks
   * this signature itself (HMAC, a secret, a key the platform is not given). signingInput()
   * and signature() are views of wasm memory, made anew at each call: take them just before
   * handing them on (WebCrypto copies them then), never across an await, during which
   * another call may grow the memory. Throws what verify throws for anything before the
   * signature.
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
      const layout = pending.layout();
      const candidates = Array.from(layout.subarray(6), (index) => platformSpki(key, inner, single, index));
      if (candidates.some((spki) => spki === undefined)) {
        pending.free();
        return undefined;
      }
      const bytesAt = (at, length) => () => new Uint8Array(initSync().memory.buffer, at, length);
      return {
        alg: algorithmNamed(initSync().memory.buffer, layout[0], layout[1]),
        signingInput: bytesAt(layout[2], layout[3]),
        signature: bytesAt(layout[4], layout[5]),
        candidates,
        finish: (matched) => JSON.parse(guarded(() => pending.finish(matched, parsed.wasm, now))),
        abandon: () => pending.free(),
      };
    });
  }

  const synchronous = platform === undefined ? {} : { verifiedWithKey, verifiedWithKeySet, signed };
  return { ...synchronous, verifyStart };
}
