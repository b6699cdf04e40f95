// A Chromium cold-start page: imports one library (through cold-verify.mjs) and records the
// time from the first classic script to the end of the first verify.
import { coldVerify } from "./cold-verify.mjs";

const spec = JSON.parse(new URLSearchParams(location.search).get("spec"));
await coldVerify(spec);
window.coldMs = performance.now() - window.scriptStart;
