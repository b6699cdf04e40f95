// Node ESM entry of wasm-jwt/jwe, as ../node.js is of wasm-jwt.
import { readFileSync } from "node:fs";
import { initSync } from "../../dist/jwe/wasm_jwt.js";

initSync({ module: readFileSync(new URL("../../dist/jwe/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-node.js";
