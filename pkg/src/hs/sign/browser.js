// Browser entry of wasm-jwt/hs/sign, as ../../browser.js is of wasm-jwt (top-level await, the
// .wasm fetched from next to the glue).
import init from "../../../dist/hs/sign/wasm_jwt.js";

await init({ module_or_path: new URL("../../../dist/hs/sign/wasm_jwt_bg.wasm", import.meta.url) });

export * from "./api-hs-sign.js";
