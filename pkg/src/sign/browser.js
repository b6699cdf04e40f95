// Browser entry of wasm-jwt/sign, as ../browser.js is of wasm-jwt (top-level await, the
// .wasm fetched from next to the glue).
import { initSync } from "../../dist/sign/wasm_jwt.js";
import { compileWasm } from "../compile-wasm.js";

initSync({ module: await compileWasm(new URL("../../dist/sign/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-sign.js";
