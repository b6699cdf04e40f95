// The API over the full build in Node: RSA and ECDSA signatures are checked by node:crypto
// (OpenSSL, about ten times faster than wasm), every other check by the core.
import { createApi } from "./api.js";
import { fullGlue } from "./glue-full.js";
import { nodePlatform } from "./node-platform.js";

export const { JwtError, Key, KeySet, decode, verify, sign, createVerifier, memoryBytes } = createApi(fullGlue, { platform: nodePlatform });
