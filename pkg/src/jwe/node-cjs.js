// Node CommonJS entry of wasm-jwt/jwe, as ../node-cjs.js is of wasm-jwt: bundled by
// scripts/build.mjs into dist/jwe/index.cjs, where __dirname is dist/jwe/, next to its .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../../dist/jwe/wasm_jwt.js";

initSync({ module: readFileSync(join(__dirname, "wasm_jwt_bg.wasm")) });

export * from "./api-node.js";
