// The rows each runtime times for one algorithm: the same token and key for every library,
// checked the same way (signature, alg). `libs` holds the imported modules; a library
// missing from this build or runtime is simply left out.

/** Verifiers of `spec` ({ alg, token, jwk, secret, iss, aud }), each checking signature, alg, exp, iss and aud. */
export async function rowsFor(libs, { alg, jwk, secret, iss, aud }) {
  const { wasmJwt, wasmJwtHs, jose, workerJwt } = libs;
  const rows = [];
  const options = { algorithms: [alg], issuer: iss, audience: aud };
  const wasmKey = (lib) => (secret !== undefined ? lib.Key.hmac(secret) : lib.Key.fromJwk(jwk));
  const key = wasmKey(wasmJwt);
  rows.push({ name: "wasm-jwt verify (sync)", verify: (token) => wasmJwt.verify(token, key, options).payload });
  if (secret !== undefined && wasmJwtHs) {
    const hsKey = wasmKey(wasmJwtHs);
    rows.push({ name: "wasm-jwt/hs verify (sync)", verify: (token) => wasmJwtHs.verify(token, hsKey, options).payload });
  }
  if (typeof wasmJwt.verifyAsync === "function") {
    rows.push({ name: "wasm-jwt verifyAsync", verify: async (token) => (await wasmJwt.verifyAsync(token, key, options)).payload });
  }
  const joseKey = secret !== undefined ? new TextEncoder().encode(secret) : await jose.importJWK({ ...jwk, alg }, alg);
  rows.push({ name: "jose jwtVerify (async)", verify: async (token) => (await jose.jwtVerify(token, joseKey, options)).payload });
  if (alg !== "EdDSA" && workerJwt) {
    const workerKey = secret ?? jwk;
    // It checks signature, alg, exp and nbf; iss and aud by hand, as its README suggests.
    const verify = async (token) => {
      const { payload } = await workerJwt.verify(token, workerKey, { algorithm: alg, throwError: true });
      if (payload.iss !== iss || payload.aud !== aud) throw new Error("wrong iss or aud");
      return payload;
    };
    rows.push({ name: "cloudflare-worker-jwt verify (async)", verify });
  }
  return rows;
}
