// Node ESM entry of wasm-jwt/hs (the HMAC-only verify build), as ../node.js is of wasm-jwt: bundled
// into dist/hs/index.mjs, next to its .wasm and glue. No node:crypto: HMAC is in the wasm.
import { initSync } from "../../dist/hs/wasm_jwt.js";

const { readFileSync } = process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
initSync({ module: readFileSync(new URL("wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-hs.js";
