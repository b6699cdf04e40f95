// Browser entry of jwt-wasm/hs, as ../browser.js is of jwt-wasm (top-level await, the
// .wasm fetched from next to the glue).
import init from "../../dist/hs/jwt_wasm.js";

await init({ module_or_path: new URL("../../dist/hs/jwt_wasm_bg.wasm", import.meta.url) });

export * from "./api-hs.js";
