// Node CommonJS entry of wasm-jwt/sign, as ../node-cjs.js is of wasm-jwt: bundled by
// scripts/build.mjs into dist/sign/index.cjs, where __dirname is dist/sign/, next to its .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../../dist/sign/wasm_jwt.js";
import { provideNodeCrypto } from "../node-platform.js";

// Node without process.getBuiltinModule (before 20.16) gets node:crypto now; newer Node loads
// it at the first key that needs it (node-platform.js).
if (process.getBuiltinModule === undefined) provideNodeCrypto(require("node:crypto"));
initSync({ module: readFileSync(join(__dirname, "wasm_jwt_bg.wasm")) });

export * from "./api-sign-node.js";
