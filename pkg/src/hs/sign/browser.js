// Browser entry of wasm-jwt/hs/sign, as ../../browser.js is of wasm-jwt (top-level await, the
// .wasm fetched from next to the glue).
import { initSync } from "../../../dist/hs/sign/wasm_jwt.js";
import { compileWasm } from "../../compile-wasm.js";

initSync({ module: await compileWasm(new URL("../../../dist/hs/sign/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-hs-sign.js";
