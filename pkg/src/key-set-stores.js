// Stores for createRemoteKeySet's `store` option: where isolates share the JWKS text one of
// them fetched, so that a cold isolate need not fetch it again. A store is
// { get(url): Promise<string | null>, put(url, jwksText, maxAgeSeconds): Promise<void> };
// the remote key set treats a failing store as a miss.

/** The Cache API key a JWKS URL is kept under (a URL of its own, so it never shadows the real one). */
function cacheKey(url) {
  return `https://wasm-jwt.invalid/jwks?url=${encodeURIComponent(url)}`;
}

/**
 * A store over the Workers Cache API: `caches.default` unless another Cache is given. It
 * is per data centre; on a workers.dev route the Cache API keeps nothing (a miss each time).
 */
export function cacheApiStore(cache) {
  const resolve = () => cache ?? globalThis.caches?.default;
  return {
    async get(url) {
      const response = await resolve()?.match(cacheKey(url));
      return response ? response.text() : null;
    },
    async put(url, jwksText, maxAgeSeconds) {
      await resolve()?.put(
        cacheKey(url),
        new Response(jwksText, { headers: { "content-type": "application/json", "cache-control": `max-age=${Math.floor(maxAgeSeconds)}` } }),
      );
    },
  };
}

/** KV's shortest expiration. */
const KV_MIN_TTL_SECONDS = 60;

/** A store over a Workers KV namespace binding: global, eventually consistent (about 60 s). */
export function kvStore(namespace, { prefix = "jwks:" } = {}) {
  return {
    get(url) {
      return namespace.get(prefix + url);
    },
    async put(url, jwksText, maxAgeSeconds) {
      await namespace.put(prefix + url, jwksText, { expirationTtl: Math.max(KV_MIN_TTL_SECONDS, Math.floor(maxAgeSeconds)) });
    },
  };
}
