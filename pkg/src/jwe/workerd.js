// workerd / Cloudflare Workers entry of wasm-jwt/jwe, as ../workerd.js is of wasm-jwt
// (the .wasm imported as a compiled module, instantiated at module evaluation).
import wasmModule from "../../dist/jwe/wasm_jwt_bg.wasm";
import { initSync } from "../../dist/jwe/wasm_jwt.js";

initSync({ module: wasmModule });

export * from "./api-web.js";
