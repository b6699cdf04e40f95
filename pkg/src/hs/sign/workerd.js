// workerd / Cloudflare Workers entry of wasm-jwt/hs/sign, as ../../workerd.js is of wasm-jwt
// (the .wasm imported as a compiled module, instantiated at module evaluation).
import wasmModule from "../../../dist/hs/sign/wasm_jwt_bg.wasm";
import { initSync } from "../../../dist/hs/sign/wasm_jwt.js";

initSync({ module: wasmModule });

export * from "./api-hs-sign.js";
