// JwtError in a module of its own, so that the full build and the HMAC-only build
// (wasm-jwt and wasm-jwt/hs) throw the same class and one `instanceof` check covers both.

/** An error from decoding, verifying or signing, or from reading a key. */
export class JwtError extends Error {
  constructor(code, message, { part, offset, claim } = {}) {
    super(message);
    this.name = "JwtError";
    this.code = code;
    if (part !== undefined) this.part = part;
    if (offset !== undefined) this.offset = offset;
    if (claim !== undefined) this.claim = claim;
  }
}
