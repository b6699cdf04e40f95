// Node ESM entry of wasm-jwt/sign (the signing build), as ../node.js is of wasm-jwt.
import { readFileSync } from "node:fs";
import { initSync } from "../../dist/sign/wasm_jwt.js";

initSync({ module: readFileSync(new URL("../../dist/sign/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-sign-node.js";
