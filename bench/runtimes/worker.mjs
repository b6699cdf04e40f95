// The bench Worker: POST a JSON list of specs, get each algorithm's rows timed in workerd;
// POST { parts: spec, settings }, get the parts of one verify timed (libraries.mjs, verifyParts).
import * as wasmJwt from "wasm-jwt";
import * as wasmJwtHs from "wasm-jwt/hs";
import * as jose from "jose";
import workerJwt from "@tsndr/cloudflare-worker-jwt";
import { measureRows, nsPerCall } from "./measure.mjs";
import { rowsFor, verifyParts } from "./libraries.mjs";

const libs = { wasmJwt, wasmJwtHs, jose, workerJwt };

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ready");
    const { specs, settings, parts } = await request.json();
    if (parts) return Response.json(await nsPerCall(await verifyParts(libs, parts), settings));
    const results = [];
    for (const spec of specs) {
      results.push({ alg: spec.alg, inFlight: settings.inFlight, rows: await measureRows(await rowsFor(libs, spec), { ...spec, ...settings }) });
    }
    return Response.json(results);
  },
};
