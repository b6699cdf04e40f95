// createVerifier (fast-jwt's): a function that verifies tokens with one key and options,
// read once, and with `cache`, keeps verified tokens. Applied to an API (createApi's result)
// by the entries, like remote-key-set.js, so that a bundle that does not import
// createVerifier leaves this module out.

import { VERIFY_OPTIONS, checkToken, clock, describe, invalidOption, readOptions } from "./api.js";

const VERIFIER_OPTIONS = [...VERIFY_OPTIONS, "cache"];
const CACHE_DEFAULTS = { size: 1000, ttl: 600 };
const MAX_CACHE_SIZE = 100_000;

/** createVerifier's `cache` option: undefined (no cache), or `{ size, ttl }` with defaults. */
function cacheSettings(cache) {
  if (cache === undefined || cache === false) return undefined;
  if (cache === true) return CACHE_DEFAULTS;
  if (typeof cache !== "object" || Array.isArray(cache)) throw invalidOption(`the option "cache" is true, false or { size, ttl }, not ${describe(cache)}`);
  const unknown = Object.keys(cache).find((name) => name !== "size" && name !== "ttl");
  if (unknown !== undefined) throw invalidOption(`"cache.${unknown.slice(0, 40)}" is not a cache option (size, ttl)`);
  const { size = CACHE_DEFAULTS.size, ttl = CACHE_DEFAULTS.ttl } = cache;
  if (!Number.isInteger(size) || size < 1 || size > MAX_CACHE_SIZE) throw invalidOption(`the option "cache.size" must be a whole number from 1 to ${MAX_CACHE_SIZE}`);
  if (typeof ttl !== "number" || !(ttl > 0) || !Number.isFinite(ttl)) throw invalidOption('the option "cache.ttl" must be a positive number of seconds');
  return { size, ttl };
}

/**
 * The times at which a verified token's cached result may be reused: the same bounds as
 * the core's checks of exp, nbf and maxAge (with the leeway), and the cache's ttl.
 */
class ValidityWindow {
  constructor({ exp, nbf, iat }, { leeway = 0, maxAge }, now, ttl) {
    this.expiresBefore = Math.min(exp === undefined ? Infinity : exp + leeway, now + ttl); // valid while now < this
    this.from = nbf === undefined ? -Infinity : nbf - leeway; // not_yet_valid while nbf > now + leeway
    this.oldestAt = maxAge === undefined ? Infinity : iat + maxAge + leeway; // too_old once now - iat > maxAge + leeway
    if (maxAge !== undefined) this.from = Math.max(this.from, iat - leeway); // an iat in the future
  }

  admits(now) {
    return now < this.expiresBefore && now >= this.from && now <= this.oldestAt;
  }
}

function deepFreeze(value) {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * createVerifier over `api`: a function that verifies tokens with `key` and `options`,
 * read once. With `options.cache`, verified tokens are kept (keyed by their SHA-256) and a
 * repeated token is answered from the cache, frozen, while its time claims still pass:
 * never after its exp, before its nbf, past maxAge, or longer than the cache's ttl.
 * Failures are never cached.
 */
export function createVerifierApi({ verify, internals: { guarded, tokenDigest, verifyOptions } }) {
  return function createVerifier(key, options) {
    const plain = options === undefined || options === null ? Object.create(null) : readOptions(options, VERIFIER_OPTIONS, "createVerifier");
    const cache = cacheSettings(plain.cache);
    delete plain.cache;
    const parsed = verifyOptions.get(plain);
    const verifyToken = (token) => verify(token, key, plain);
    if (cache === undefined) return verifyToken;
    const entries = new Map();
    return (token) => {
      checkToken(token, parsed.maxTokenLength);
      const digest = guarded(() => tokenDigest(token));
      const now = plain.now ?? clock();
      const hit = entries.get(digest);
      entries.delete(digest);
      if (hit !== undefined && hit.window.admits(now)) {
        entries.set(digest, hit); // most recently used last
        return hit.result;
      }
      const result = deepFreeze(verifyToken(token));
      entries.set(digest, { result, window: new ValidityWindow(result.payload, plain, now, cache.ttl) });
      if (entries.size > cache.size) entries.delete(entries.keys().next().value);
      return result;
    };
  };
}
