// Added to the errors of what the HMAC-only builds (wasm-jwt/hs, wasm-jwt/hs/sign) leave
// out: the other families and PEM keys.
export const HMAC_ONLY_BUILD_NOTE = 'wasm-jwt/hs is the HMAC-only build: import from "wasm-jwt" (to verify) or "wasm-jwt/sign" (to sign too) for RS*, PS*, ES*, EdDSA and PEM keys';
