// The Chromium bench page's script: exposes window.runBench(specs, settings) and
// window.runParts(spec, settings) (the parts of one verify, timed).
import * as wasmJwt from "wasm-jwt";
import * as wasmJwtHs from "wasm-jwt/hs";
import * as jose from "jose";
import workerJwt from "@tsndr/cloudflare-worker-jwt";
import { measureRows, nsPerCall } from "./measure.mjs";
import { rowsFor, verifyParts } from "./libraries.mjs";

const libs = { wasmJwt, wasmJwtHs, jose, workerJwt };
window.runBench = async (specs, settings) => {
  const results = [];
  for (const spec of specs) {
    results.push({ alg: spec.alg, inFlight: settings.inFlight, rows: await measureRows(await rowsFor(libs, spec), { ...spec, ...settings }) });
  }
  return results;
};
window.runParts = async (spec, settings) => nsPerCall(await verifyParts(libs, spec), settings);
window.benchReady = true;
