// Node CommonJS entry of wasm-jwt/hs/sign, as ../../node-cjs.js is of wasm-jwt: bundled by
// scripts/build.mjs into dist/hs/sign/index.cjs, where __dirname is dist/hs/sign/, next to its .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../../../dist/hs/sign/wasm_jwt.js";

initSync({ module: readFileSync(join(__dirname, "wasm_jwt_bg.wasm")) });

export * from "./api-hs-sign.js";
