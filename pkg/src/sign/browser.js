// Browser entry of wasm-jwt/sign, as ../browser.js is of wasm-jwt (top-level await, the
// .wasm fetched from next to the glue).
import init from "../../dist/sign/wasm_jwt.js";

await init({ module_or_path: new URL("../../dist/sign/wasm_jwt_bg.wasm", import.meta.url) });

export * from "./api-sign.js";
