// workerd / Cloudflare Workers entry. wrangler's default rule imports a .wasm file as a
// compiled WebAssembly.Module; instantiating it at module evaluation is allowed there,
// whereas compiling wasm bytes inside a request is not.
import wasmModule from "../dist/wasm_jwt_bg.wasm";
import { initSync } from "../dist/wasm_jwt.js";

initSync({ module: wasmModule });

export * from "./api-verify.js";
