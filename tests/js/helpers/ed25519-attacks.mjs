// Ed25519 tokens on which verifiers differ: those that OpenSSL's (and BoringSSL's)
// cofactorless check accepts and ed25519-dalek's verify_strict, the core's, refuses. The
// core hands a signature to the platform's crypto only when the two agree; the Node and
// WebCrypto tests run these on both paths.
import { createHash, createPublicKey, generateKeyPairSync, verify } from "node:crypto";

const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;
const toNumber = (bytes) => bytes.reduceRight((n, byte) => (n << 8n) | BigInt(byte), 0n);
const toBytes = (n) => Buffer.from(Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn)));
const sha512 = (...parts) => createHash("sha512").update(Buffer.concat(parts)).digest();
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A token whose signature is R || S with S = k·a (mod L): [S]B - [k]A is then [k](aB - A). */
function craftedToken(a, publicBytes, r, alg, sub) {
  const input = `${b64({ alg })}.${b64({ sub })}`;
  const k = toNumber(sha512(r, publicBytes, Buffer.from(input))) % L;
  return { k, token: `${input}.${Buffer.concat([r, toBytes((k * a) % L)]).toString("base64url")}` };
}

/** Whether node:crypto (OpenSSL) alone accepts the token's signature with the public JWK. */
export function opensslAccepts(jwk, token) {
  const [input, signature] = [token.slice(0, token.lastIndexOf(".")), Buffer.from(token.slice(token.lastIndexOf(".") + 1), "base64url")];
  return verify(null, Buffer.from(input), createPublicKey({ key: jwk, format: "jwk" }), signature);
}

/** `S + L` for a genuine signature: S not reduced, which every verifier refuses. */
export function withUnreducedS(signature) {
  return Buffer.concat([signature.subarray(0, 32), toBytes(toNumber(signature.subarray(32)) + L)]);
}

/**
 * For a new key pair (`jwk`, private) and `alg` ("EdDSA" or "Ed25519"): the public JWK and
 * `identity`, a token whose R is the identity (0, 1) and S = k·a, so that [S]B - [k]A is
 * the identity, which OpenSSL encodes and finds equal to R (verify_strict refuses R of small
 * order); and `mixedJwk` with `orderTwo`: the key plus the point of order 2, (-x, -y), and
 * a token with S = k·a and k odd, for which [S]B - [k]A' is (0, -1), R of order 2.
 */
export function opensslOnlyCases(alg, n) {
  const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  const scalar = sha512(Buffer.from(jwk.d, "base64url")).subarray(0, 32);
  scalar[0] &= 248;
  scalar[31] = (scalar[31] & 127) | 64;
  const a = toNumber(scalar);
  const publicBytes = Buffer.from(jwk.x, "base64url");
  const identity = craftedToken(a, publicBytes, toBytes(1n), alg, `i${n}`).token;
  const y = toNumber(publicBytes) & ((1n << 255n) - 1n);
  const mixedBytes = toBytes((P - y) | ((BigInt(publicBytes[31] >> 7) ^ 1n) << 255n));
  const mixedJwk = { kty: "OKP", crv: "Ed25519", x: mixedBytes.toString("base64url") };
  for (let attempt = 0; ; attempt++) {
    const { k, token: orderTwo } = craftedToken(a, mixedBytes, toBytes(P - 1n), alg, `m${n}-${attempt}`);
    if (k % 2n === 1n) return { jwk, publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x }, identity, mixedJwk, orderTwo };
  }
}
