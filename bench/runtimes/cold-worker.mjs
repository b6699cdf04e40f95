// A Worker that imports one library (LIBRARY, replaced by the bench) and verifies one token
// per request: the first request after start-up minus the second is its cold start.
import { coldVerify } from "./cold-verify.mjs";

export default {
  async fetch(request) {
    if (request.method !== "POST") return new Response("ready");
    return Response.json({ sub: await coldVerify(await request.json()) });
  },
};
