// Node ESM entry of jwt-wasm/hs (the HMAC-only build), as ../node.js is of jwt-wasm.
import { readFileSync } from "node:fs";
import { initSync } from "../../dist/hs/jwt_wasm.js";

initSync({ module: readFileSync(new URL("../../dist/hs/jwt_wasm_bg.wasm", import.meta.url)) });

export * from "./api-hs.js";
