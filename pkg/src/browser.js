// Browser entry (Vite and other bundlers, and plain ESM): top-level await fetches and
// instantiates the wasm next to the glue, so importers need no init call. Bundlers see
// `new URL(..., import.meta.url)` and emit the .wasm as an asset.
import init from "../dist/wasm_jwt.js";

await init({ module_or_path: new URL("../dist/wasm_jwt_bg.wasm", import.meta.url) });

export * from "./api-verify.js";
