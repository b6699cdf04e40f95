// Node ESM entry. Not loaded as is: scripts/build.mjs bundles it with esbuild into
// dist/index.mjs (three modules instead of ten: Node's ESM loader costs about 0.5 ms of
// start-up per module), next to the .wasm and the glue, which stays a module of its own (the
// one glue instance of this build), as does ./jwt-error.js (one JwtError for every build).
// It reads the wasm synchronously and instantiates it at import, so
// `import { verify } from "wasm-jwt"` needs no init call.
//
// Node's built-in modules come from process.getBuiltinModule (Node 20.16+, 22.3+): an ESM
// import of node:fs costs about 1.6 ms, and node:crypto (node-platform.js) is loaded only at
// the first key that needs it. Older Node imports both here.
import { initSync } from "../dist/wasm_jwt.js";
import { provideNodeCrypto } from "./node-platform.js";

if (process.getBuiltinModule === undefined) provideNodeCrypto(await import("node:crypto"));
const { readFileSync } = process.getBuiltinModule?.("node:fs") ?? (await import("node:fs"));
initSync({ module: readFileSync(new URL("wasm_jwt_bg.wasm", import.meta.url)) });

export * from "./api-verify-node.js";
