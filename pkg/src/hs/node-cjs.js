// Node CommonJS entry of jwt-wasm/hs, as ../node-cjs.js is of jwt-wasm: bundled by
// scripts/build.mjs into dist/hs/index.cjs, where __dirname is dist/hs/, next to its .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../../dist/hs/jwt_wasm.js";

initSync({ module: readFileSync(join(__dirname, "jwt_wasm_bg.wasm")) });

export * from "./api-hs.js";
