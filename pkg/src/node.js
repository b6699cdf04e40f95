// Node ESM entry: reads the wasm synchronously and instantiates it at import, so
// `import { verify } from "jwt-wasm"` needs no init call.
import { readFileSync } from "node:fs";
import { initSync } from "../dist/jwt_wasm.js";

initSync({ module: readFileSync(new URL("../dist/jwt_wasm_bg.wasm", import.meta.url)) });

export * from "./api-full.js";
