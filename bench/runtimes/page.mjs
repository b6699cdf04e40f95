// The Chromium bench page's script: exposes window.runBench(specs, settings).
import * as wasmJwt from "wasm-jwt";
import * as wasmJwtHs from "wasm-jwt/hs";
import * as jose from "jose";
import workerJwt from "@tsndr/cloudflare-worker-jwt";
import { measureRows } from "./measure.mjs";
import { rowsFor } from "./libraries.mjs";

const libs = { wasmJwt, wasmJwtHs, jose, workerJwt };
window.runBench = async (specs, settings) => {
  const results = [];
  for (const spec of specs) {
    results.push({ alg: spec.alg, inFlight: settings.inFlight, rows: await measureRows(await rowsFor(libs, spec), { ...spec, ...settings }) });
  }
  return results;
};
window.benchReady = true;
