// wasm-jwt/jwe for the JWE tests: the entry loaded by name (ESM and CommonJS) as an
// application does, and a key for every key management algorithm the core supports,
// as JWKs (made by node:crypto) that both wasm-jwt and jose import.
import { randomBytes } from "node:crypto";
import { keyPair } from "../../../scripts/key-pairs.mjs";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { appDirectory, appRequire } from "./package.mjs";

/** The ESM namespace of "wasm-jwt/jwe" imported from the app directory, plus `resolved`. */
export async function importJwe() {
  const loader = path.join(appDirectory(), "load-jwe.mjs");
  writeFileSync(loader, 'export * from "wasm-jwt/jwe";\nexport const resolved = import.meta.resolve("wasm-jwt/jwe");\n');
  return import(pathToFileURL(loader).href);
}

/** The CommonJS exports of "wasm-jwt/jwe". */
export function requireJwe() {
  return appRequire()("wasm-jwt/jwe");
}

/** The content encryptions and their key lengths in bytes. */
export const ENCS = { A128GCM: 16, A192GCM: 24, A256GCM: 32, "A128CBC-HS256": 32, "A192CBC-HS384": 48, "A256CBC-HS512": 64 };

/** A `use: "enc"` secret JWK of `bytes` random bytes. */
export function secretJwk(bytes) {
  return { kty: "oct", use: "enc", k: randomBytes(bytes).toString("base64url") };
}

function pairJwks(type, options) {
  const { privateKey, publicKey } = keyPair(type, options);
  return { privateJwk: { ...privateKey.export({ format: "jwk" }), use: "enc" }, publicJwk: { ...publicKey.export({ format: "jwk" }), use: "enc" } };
}

const KW_BYTES = { A128KW: 16, A192KW: 24, A256KW: 32, A128GCMKW: 16, A192GCMKW: 24, A256GCMKW: 32 };
const ECDH = ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"];
const CURVES = ["P-256", "P-384", "P-521"];

/**
 * Every supported key management case (ECDH-ES on P-256, P-384, P-521 and X25519): `{ name, alg, keysFor(enc) -> { privateJwk, publicJwk } }`
 * (`dir` needs a key of the enc's length; the others one key for every enc). RSA keys are 2048 bits.
 */
export function keyManagementCases() {
  const cases = [{ name: "dir", alg: "dir", keysFor: (enc) => same(secretJwk(ENCS[enc])) }];
  for (const [alg, bytes] of Object.entries(KW_BYTES)) {
    const jwk = secretJwk(bytes);
    cases.push({ name: alg, alg, keysFor: () => same(jwk) });
  }
  for (const crv of CURVES) {
    const pair = pairJwks("ec", { namedCurve: crv });
    for (const alg of ECDH) cases.push({ name: `${alg} ${crv}`, alg, keysFor: () => pair });
  }
  const x25519 = pairJwks("x25519");
  for (const alg of ECDH) cases.push({ name: `${alg} X25519`, alg, keysFor: () => x25519 });
  const rsa = pairJwks("rsa", { modulusLength: 2048 });
  for (const alg of ["RSA-OAEP", "RSA-OAEP-256"]) cases.push({ name: alg, alg, keysFor: () => rsa });
  return cases;
}

function same(jwk) {
  return { privateJwk: jwk, publicJwk: jwk };
}

/** Replaces the segment at `index` of a compact token by `change(bytes)` re-encoded. */
export function changeSegment(token, index, change) {
  const segments = token.split(".");
  segments[index] = Buffer.from(change(Buffer.from(segments[index], "base64url"))).toString("base64url");
  return segments.join(".");
}

/** Bytes with one bit of the byte at `at` (from the start, or the end when negative) flipped. */
export function flipBit(bytes, at = 0) {
  const copy = Buffer.from(bytes);
  copy[at < 0 ? copy.length + at : at] ^= 1;
  return copy;
}
