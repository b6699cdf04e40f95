// The rows each runtime times for one algorithm: the same token and key for every library,
// checked the same way (signature, alg). `libs` holds the imported modules; a library
// missing from this build or runtime is simply left out.

/** The checks every library makes: signature, alg, exp, iss and aud. */
const optionsOf = ({ alg, iss, aud }) => ({ algorithms: [alg], issuer: iss, audience: aud });

/** jose's key for `spec`: the secret's bytes, or the imported JWK. */
const joseKeyOf = (jose, { alg, jwk, secret }) => (secret !== undefined ? new TextEncoder().encode(secret) : jose.importJWK({ ...jwk, alg }, alg));

/** Verifiers of `spec` ({ alg, token, jwk, secret, iss, aud }), each checking signature, alg, exp, iss and aud. */
export async function rowsFor(libs, spec) {
  const { alg, jwk, secret, iss, aud } = spec;
  const { wasmJwt, wasmJwtHs, jose, workerJwt } = libs;
  const rows = [];
  const options = optionsOf(spec);
  const wasmKey = (lib) => (secret !== undefined ? lib.Key.hmac(secret) : lib.Key.fromJwk(jwk));
  const key = wasmKey(wasmJwt);
  rows.push({ name: "wasm-jwt verify (sync)", verify: (token) => wasmJwt.verify(token, key, options).payload, sync: true });
  if (secret !== undefined && wasmJwtHs) {
    const hsKey = wasmKey(wasmJwtHs);
    rows.push({ name: "wasm-jwt/hs verify (sync)", verify: (token) => wasmJwtHs.verify(token, hsKey, options).payload, sync: true });
  }
  if (typeof wasmJwt.verifyAsync === "function") {
    rows.push({ name: "wasm-jwt verifyAsync", verify: async (token) => (await wasmJwt.verifyAsync(token, key, options)).payload });
  }
  const joseKey = await joseKeyOf(jose, spec);
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

/** The WebCrypto parameters of each asymmetric algorithm: [import, verify]. */
const WEBCRYPTO = {
  RS256: [{ name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, { name: "RSASSA-PKCS1-v1_5" }],
  ES256: [{ name: "ECDSA", namedCurve: "P-256" }, { name: "ECDSA", hash: "SHA-256" }],
  EdDSA: [{ name: "Ed25519" }, { name: "Ed25519" }],
};

const fromBase64url = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/**
 * The parts of one verify of `spec`'s token that can be timed from outside, beside wasm-jwt's
 * and jose's whole calls (for bench/runtimes/measure.mjs's nsPerCall). HS256: what the target
 * of 5x jose leaves a sync verify, against what the call cannot do without. RS256, ES256,
 * EdDSA: the runtime's `crypto.subtle.verify` alone, which both libraries' async calls await,
 * so that what each spends around it shows.
 */
export async function verifyParts(libs, spec) {
  const { alg, token, jwk, secret } = spec;
  const { wasmJwt, jose } = libs;
  const options = optionsOf(spec);
  const joseKey = await joseKeyOf(jose, spec);
  const joseWhole = { name: "jose jwtVerify (async), the whole call", run: () => jose.jwtVerify(token, joseKey, options) };
  if (secret !== undefined) {
    const key = wasmJwt.Key.hmac(secret);
    const resultText = JSON.stringify(wasmJwt.verify(token, key, options));
    return [
      { name: "wasm-jwt verify (sync), the whole call", run: () => wasmJwt.verify(token, key, options), sync: true },
      { name: "wasm-jwt decode (the strict reading of header and payload, and their JSON.parse; no HMAC, no claims)", run: () => wasmJwt.decode(token), sync: true },
      { name: "JSON.parse of verify's result text alone (any verifier that returns the payload as an object pays it)", run: () => JSON.parse(resultText), sync: true },
      joseWhole,
    ];
  }
  const key = wasmJwt.Key.fromJwk(jwk);
  const [importParams, verifyParams] = WEBCRYPTO[alg];
  const cryptoKey = await crypto.subtle.importKey("jwk", jwk, importParams, false, ["verify"]);
  const dot = token.lastIndexOf(".");
  const signature = fromBase64url(token.slice(dot + 1));
  const input = new TextEncoder().encode(token.slice(0, dot));
  if (!(await crypto.subtle.verify(verifyParams, cryptoKey, signature, input))) throw new Error(`crypto.subtle.verify refused the ${alg} token`);
  return [
    { name: "wasm-jwt verifyAsync, the whole call", run: () => wasmJwt.verifyAsync(token, key, options) },
    joseWhole,
    { name: "crypto.subtle.verify alone (key imported once)", run: () => crypto.subtle.verify(verifyParams, cryptoKey, signature, input) },
  ];
}
