// Remote key sets (a JWKS URL, fetched and cached) and verifyAsync, over one build's API
// (createApi's result): api-verify.js, sign/api-sign.js and hs/api-hs.js each apply createRemoteKeySetApi.
//
// The cached set lives per isolate (per module instance); an optional `store` (see
// key-set-stores.js) shares the fetched text between isolates. In workerd a promise made by
// one request must not be awaited by another, so there a fetch in flight is shared only by
// the calls started in the same turn of the event loop (Promise.all within one request);
// elsewhere every caller shares it.

import { JwtError } from "./jwt-error.js";
import { webCryptoSignatures } from "./webcrypto-signatures.js";

/** The largest JWKS body read; a longer one is a jwks_fetch error, and nothing more is read. */
export const MAX_JWKS_BYTES = 1 << 20;

const DEFAULT_OPTIONS = Object.freeze({ cacheMaxAge: 600, cooldown: 30, timeout: 5, staleIfError: 3600 });
const OPTION_NAMES = [...Object.keys(DEFAULT_OPTIONS), "fetch", "store", "clock"];
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const SHARED_SCOPE = {};
let isWorkerd;
let turnScope;

/** Who may share a fetch in flight: everyone, or in workerd the calls of this turn only. */
function currentScope() {
  isWorkerd ??= typeof navigator === "object" && navigator?.userAgent === "Cloudflare-Workers";
  if (!isWorkerd) return SHARED_SCOPE;
  if (turnScope === undefined) {
    turnScope = {};
    queueMicrotask(() => {
      turnScope = undefined;
    });
  }
  return turnScope;
}

function invalidOption(message) {
  return new JwtError("invalid_option", message);
}

/** The URL as text: https, or http to a loopback host (for tests and local development). */
function checkedUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidOption("the JWKS URL is not a valid absolute URL");
  }
  const loopback = LOOPBACK_HOSTS.has(parsed.hostname) || /^127(\.\d{1,3}){3}$/.test(parsed.hostname);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback)) {
    throw invalidOption(`the JWKS URL must be https: (http: only to a loopback host), not ${parsed.protocol}//${parsed.host}`);
  }
  return parsed.href;
}

function checkedOptions(options) {
  if (options === undefined) options = {};
  if (options === null || typeof options !== "object") throw invalidOption("createRemoteKeySet options are an object");
  const unknown = Object.keys(options).find((name) => !OPTION_NAMES.includes(name));
  if (unknown !== undefined) throw invalidOption(`"${unknown.slice(0, 40)}" is not a createRemoteKeySet option`);
  const checked = { ...DEFAULT_OPTIONS };
  for (const name of Object.keys(DEFAULT_OPTIONS)) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalidOption(`the option "${name}" must be a finite number of seconds, at least 0`);
    checked[name] = value;
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw invalidOption('the option "fetch" must be a function');
  if (options.clock !== undefined && typeof options.clock !== "function") throw invalidOption('the option "clock" must be a function returning seconds since 1970');
  const { store } = options;
  if (store !== undefined && (store === null || typeof store.get !== "function" || typeof store.put !== "function")) {
    throw invalidOption('the option "store" must have get(url) and put(url, text, maxAgeSeconds) methods');
  }
  // Looked up at each call, so that a fetch replaced later (by a test, a polyfill) is used.
  checked.fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  checked.clock = options.clock ?? (() => Date.now() / 1000);
  checked.store = store;
  return checked;
}

/** The body as text, refusing more than MAX_JWKS_BYTES without reading past them. */
async function limitedText(response, fail) {
  const declared = Number(response.headers.get("content-length"));
  if (declared > MAX_JWKS_BYTES) {
    await response.body?.cancel();
    throw fail(`the body is ${declared} bytes; at most ${MAX_JWKS_BYTES} are read`);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > MAX_JWKS_BYTES) {
      await reader.cancel();
      throw fail(`the body is over ${MAX_JWKS_BYTES} bytes`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fail("the body is not UTF-8");
  }
}

/** The kids of a parsed JWK Set's keys. */
function kidsOf(jwks) {
  return new Set((Array.isArray(jwks?.keys) ? jwks.keys : []).map((key) => key?.kid).filter((kid) => typeof kid === "string"));
}

/** The header's kid (a token that verify's checks already accepted), or undefined. */
function tokenKid(token) {
  const segment = token.slice(0, token.indexOf("."));
  const binary = atob(segment.replace(/-/g, "+").replace(/_/g, "/"));
  const header = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  return typeof header.kid === "string" ? header.kid : undefined;
}

/**
 * createRemoteKeySet and verifyAsync over one build's API (`{ KeySet, verify, verifyStart }`).
 * With `webCrypto`, where the runtime has crypto.subtle, verifyAsync has it check RSA,
 * ECDSA and Ed25519 signatures.
 */
export function createRemoteKeySetApi({ KeySet, verify, verifyStart }, { webCrypto = false } = {}) {
  const subtle = webCrypto ? globalThis.crypto?.subtle : undefined;
  const signatureMatches = subtle === undefined ? undefined : webCryptoSignatures(subtle);
  let isRemoteKeySet;
  let readyFor;
  let currentKeySet;

  /** A JWKS URL's keys, fetched when needed and cached; made by createRemoteKeySet. */
  class RemoteKeySet {
    #url;
    #options;
    /** The last good set: { keySet, text, kids, fetchedAt }. */
    #current;
    /** The fetch in flight: { scope, promise }. */
    #pending;
    /** When an unknown kid last caused a refetch; when a load last failed, and with what. */
    #lastKidRefetchAt = -Infinity;
    #lastFailureAt = -Infinity;
    #lastError;

    constructor(url, options) {
      this.#url = checkedUrl(url);
      this.#options = checkedOptions(options);
    }

    /** The JWKS URL. */
    get url() {
      return this.#url;
    }

    /** Resolves once the set to verify a token with `kid` is in place; throws jwks_fetch when there is none. */
    async #ready(kid) {
      const { cacheMaxAge, cooldown, staleIfError, clock } = this.#options;
      const now = clock();
      const current = this.#current;
      const fresh = current !== undefined && now < current.fetchedAt + cacheMaxAge;
      if (fresh && (kid === undefined || current.kids.has(kid))) return;
      const shared = this.#pendingHere();
      if (fresh) {
        // An unknown kid: one refetch per cooldown (then verify says key_not_found), unless
        // one is in flight that this call may not share (another request's, in workerd):
        // then it fetches too, rather than miss a key that is being fetched.
        if (shared === undefined && this.#pending === undefined && now < this.#lastKidRefetchAt + cooldown) return;
        if (shared === undefined) this.#lastKidRefetchAt = now;
        await (shared?.promise ?? this.#load(kid)).catch(() => {});
        return;
      }
      // Expired or never loaded. After a failure, no new attempt within the cooldown.
      const usable = () => this.#current !== undefined && clock() < this.#current.fetchedAt + cacheMaxAge + staleIfError;
      try {
        if (shared === undefined && now < this.#lastFailureAt + cooldown) throw this.#lastError;
        await (shared?.promise ?? this.#load(kid));
      } catch (error) {
        // stale-if-error: the last good set serves until cacheMaxAge + staleIfError.
        if (usable()) return;
        throw error;
      }
    }

    #pendingHere() {
      return this.#pending !== undefined && this.#pending.scope === currentScope() ? this.#pending : undefined;
    }

    /** One load (store, then network), shared by the callers of this scope while it runs. */
    #load(kid) {
      const promise = this.#loadFromStoreOrNetwork(kid).then(
        () => this.#settle(promise, undefined),
        (error) => {
          this.#settle(promise, error);
          throw error;
        },
      );
      this.#pending = { scope: currentScope(), promise };
      return promise;
    }

    #settle(promise, error) {
      if (this.#pending?.promise === promise) this.#pending = undefined;
      if (error !== undefined) {
        this.#lastFailureAt = this.#options.clock();
        this.#lastError = error;
      }
    }

    async #loadFromStoreOrNetwork(kid) {
      const { store, cacheMaxAge } = this.#options;
      if (store !== undefined) {
        const text = await this.#fromStore(() => store.get(this.#url));
        // A neighbour's set, if it can verify this token (a stored set that is bad is a miss).
        if (typeof text === "string" && this.#tryInstall(text, kid)) return;
      }
      const text = await this.#fetchText();
      this.#install(text);
      if (store !== undefined) await this.#fromStore(() => store.put(this.#url, text, cacheMaxAge));
    }

    /** A store's answer, or undefined when it fails: a failing store is a cache miss, never an error. */
    async #fromStore(call) {
      try {
        return await call();
      } catch {
        return undefined;
      }
    }

    #tryInstall(text, kid) {
      try {
        if (text === this.#current?.text) {
          if (kid !== undefined && !this.#current.kids.has(kid)) return false;
          this.#current.fetchedAt = this.#options.clock();
          return true;
        }
        // A stored set that lacks the kid is never installed: it may be older than the one in
        // place (read before another request stored a newer one), and would hide its keys.
        if (kid !== undefined && !kidsOf(JSON.parse(text)).has(kid)) return false;
        this.#install(text);
        return true;
      } catch {
        return false;
      }
    }

    /** Makes `text` the current set, or throws jwks_fetch and keeps the last good one. */
    #install(text) {
      let jwks;
      try {
        jwks = JSON.parse(text);
      } catch {
        throw this.#fetchError("the body is not JSON");
      }
      if (jwks === null || typeof jwks !== "object" || !Array.isArray(jwks.keys)) throw this.#fetchError('the body is not a JWK Set (no "keys" array)');
      let keySet;
      try {
        keySet = KeySet.fromJwks(text);
      } catch (error) {
        throw this.#fetchError(`the key set was refused (${error.code}: ${error.message})`);
      }
      const kids = kidsOf(jwks);
      // The set replaced is not freed here: a verifyAsync awaiting WebCrypto may still fall
      // back to it. Garbage collection frees it.
      this.#current = { keySet, text, kids, fetchedAt: this.#options.clock() };
    }

    async #fetchText() {
      const { fetch, timeout } = this.#options;
      let response;
      try {
        response = await fetch(this.#url, {
          headers: { accept: "application/jwk-set+json, application/json" },
          redirect: "manual",
          signal: AbortSignal.timeout(timeout * 1000),
        });
      } catch (error) {
        const cause = error?.name === "TimeoutError" ? `no answer within ${timeout} s` : `the request failed (${error?.message ?? error})`;
        throw this.#fetchError(cause);
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        throw this.#fetchError(`HTTP ${response.status}`);
      }
      try {
        return await limitedText(response, (cause) => this.#fetchError(cause));
      } catch (error) {
        if (error instanceof JwtError) throw error;
        throw this.#fetchError(`reading the body failed (${error?.name === "TimeoutError" ? `no answer within ${timeout} s` : error?.message})`);
      }
    }

    #fetchError(cause) {
      return new JwtError("jwks_fetch", `the JWKS at ${this.#url} could not be used: ${cause}`);
    }

    static {
      isRemoteKeySet = (value) => value !== null && typeof value === "object" && #url in value;
      readyFor = (remote, kid) => remote.#ready(kid);
      currentKeySet = (remote) => remote.#current.keySet;
    }
  }

  /** A key set fetched from `url` (https:, or http: to loopback) when needed, cached, for verifyAsync. */
  function createRemoteKeySet(url, options) {
    return new RemoteKeySet(url, options);
  }

  let emptySet;

  /**
   * verify, also for a RemoteKeySet: the same checks and error codes. With a RemoteKeySet,
   * a token refused before any key is needed (its form, header or the options) is refused
   * without a fetch, through verify against an empty set. With WebCrypto, RSA, ECDSA and
   * Ed25519 signatures are checked by it, every other check by the core.
   */
  async function verifyAsync(token, key, options) {
    if (isRemoteKeySet(key)) {
      emptySet ??= KeySet.fromJwks('{"keys":[]}');
      try {
        verify(token, emptySet, options);
      } catch (error) {
        if (!(error instanceof JwtError) || error.code !== "key_not_found") throw error;
      }
      await readyFor(key, tokenKid(token));
      key = currentKeySet(key);
    }
    const started = signatureMatches === undefined ? undefined : verifyStart(token, key, options);
    if (started === undefined) return verify(token, key, options);
    let matched;
    try {
      matched = await signatureMatches(started);
    } catch {
      // WebCrypto cannot check this one (a curve it lacks, say): the core checks it all.
      started.abandon();
      return verify(token, key, options);
    }
    return started.finish(matched);
  }

  return { createRemoteKeySet, verifyAsync };
}
