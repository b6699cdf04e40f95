// workerd / Cloudflare Workers entry of jwt-wasm/hs, as ../workerd.js is of jwt-wasm
// (the .wasm imported as a compiled module, instantiated at module evaluation).
import wasmModule from "../../dist/hs/jwt_wasm_bg.wasm";
import { initSync } from "../../dist/hs/jwt_wasm.js";

initSync({ module: wasmModule });

export * from "./api-hs.js";
