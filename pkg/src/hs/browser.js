// Browser entry of wasm-jwt/hs, as ../browser.js is of wasm-jwt (top-level await, the
// .wasm fetched from next to the glue).
import init from "../../dist/hs/wasm_jwt.js";

await init({ module_or_path: new URL("../../dist/hs/wasm_jwt_bg.wasm", import.meta.url) });

export * from "./api-hs.js";
