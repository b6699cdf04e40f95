// Node CommonJS entry. Not loaded as is: scripts/build.mjs bundles it with esbuild into
// dist/index.cjs (format cjs), where __dirname is dist/, next to the .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../dist/wasm_jwt.js";

initSync({ module: readFileSync(join(__dirname, "wasm_jwt_bg.wasm")) });

export * from "./api-verify-node.js";
