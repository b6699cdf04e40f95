// Node CommonJS entry. Not loaded as is: scripts/build.mjs bundles it with esbuild into
// dist/index.cjs (format cjs), where __dirname is dist/, next to the .wasm.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "../dist/wasm_jwt.js";
import { provideNodeCrypto } from "./node-platform.js";

// Node without process.getBuiltinModule (before 20.16) gets node:crypto now; newer Node loads
// it at the first key that needs it (node-platform.js).
if (process.getBuiltinModule === undefined) provideNodeCrypto(require("node:crypto"));
initSync({ module: readFileSync(join(__dirname, "wasm_jwt_bg.wasm")) });

export * from "./api-verify-node.js";
