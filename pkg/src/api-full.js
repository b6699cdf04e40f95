// The API over the full build, checking every signature in wasm. The browser and workerd
// entries initialise the glue, then re-export this; Node's use api-full-node.js.
import { createApi } from "./api.js";
import { fullGlue } from "./glue-full.js";

export const { JwtError, Key, KeySet, decode, verify, sign, createVerifier, memoryBytes } = createApi(fullGlue);
