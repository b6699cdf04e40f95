// Node ESM entry: reads the wasm synchronously and instantiates it at import, so
// `import { verify } from "wasm-jwt"` needs no init call.
import { readFileSync } from "node:fs";
import { initSync } from "../dist/wasm_jwt.js";

initSync({ module: readFileSync(new URL("../dist/wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-verify-node.js";
