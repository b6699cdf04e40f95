// A Worker that imports one library (cold-verify.mjs, written by the bench) in its first
// request and verifies one token per request, timing the import and the verify inside the
// request: the first request's time is the cold start (the module's evaluation, the wasm's
// instantiation, the first call's compile), without the HTTP round trip around it.
export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ready");
    const spec = await request.json();
    const start = performance.now();
    const { coldVerify } = await import("./cold-verify.mjs");
    const imported = performance.now();
    const sub = await coldVerify(spec);
    return Response.json({ sub, ms: performance.now() - start, importMs: imported - start });
  },
};
