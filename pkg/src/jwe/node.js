// Node ESM entry of wasm-jwt/jwe, as ../node.js is of wasm-jwt: bundled into
// dist/jwe/index.mjs, next to its .wasm and glue.
import { initSync } from "../../dist/jwe/wasm_jwt.js";
import { provideNodeCrypto } from "../node-platform.js";

if (process.getBuiltinModule === undefined) provideNodeCrypto(await import("node:crypto"));
const { readFileSync } = process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
initSync({ module: readFileSync(new URL("wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-node.js";
