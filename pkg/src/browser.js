// Browser entry (Vite and other bundlers, and plain ESM): top-level await fetches and
// instantiates the wasm next to the glue, so importers need no init call. Bundlers see
// `new URL(..., import.meta.url)` and emit the .wasm as an asset.
import { initSync } from "../dist/wasm_jwt.js";
import { compileWasm } from "./compile-wasm.js";

initSync({ module: await compileWasm(new URL("../dist/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-verify.js";
