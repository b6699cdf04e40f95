// Node ESM entry of wasm-jwt/hs (the HMAC-only build), as ../node.js is of wasm-jwt.
import { readFileSync } from "node:fs";
import { initSync } from "../../dist/hs/wasm_jwt.js";

initSync({ module: readFileSync(new URL("../../dist/hs/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-hs.js";
