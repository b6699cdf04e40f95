// JSON responses, bounded JSON bodies and CORS.

/** The largest request body read; a larger one is 400 invalid_request, and nothing past it is read. */
export const MAX_BODY_BYTES = 8 * 1024;

export function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), {
    status,
    // RFC 6749 5.1: token responses must not be cached; no response here should be.
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export class BadRequest extends Error {}

/** The body as a JSON object, or BadRequest: too large, not UTF-8, not JSON, not an object. */
export async function readJsonObject(request) {
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES) throw new BadRequest("body too large");
  const chunks = [];
  let length = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > MAX_BODY_BYTES) {
        await reader.cancel();
        throw new BadRequest("body too large");
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new BadRequest("body is not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new BadRequest("body is not a JSON object");
  return value;
}

/** A member that must be a non-empty string of at most `maxLength` characters. */
export function stringMember(body, name, maxLength) {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > maxLength) throw new BadRequest(`${name} missing or invalid`);
  return value;
}

const CORS_METHODS = "GET, POST";
const CORS_HEADERS = "authorization, content-type";

/** Whether the request's Origin may read responses: listed in CORS_ALLOWED_ORIGINS, or "*" listed. */
function allowedOrigin(request, allowedOrigins) {
  const origin = request.headers.get("origin");
  if (origin === null) return null;
  return allowedOrigins.includes("*") || allowedOrigins.includes(origin) ? origin : null;
}

/**
 * The answer to a CORS preflight (OPTIONS with Access-Control-Request-Method), given
 * before any authentication, or null when the request is not one.
 */
export function preflight(request, allowedOrigins) {
  if (request.method !== "OPTIONS" || !request.headers.has("access-control-request-method")) return null;
  const origin = allowedOrigin(request, allowedOrigins);
  if (origin === null) return json(403, { error: "origin_not_allowed" }, { vary: "Origin" });
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": CORS_METHODS,
      "access-control-allow-headers": CORS_HEADERS,
      "access-control-max-age": "600",
      vary: "Origin",
    },
  });
}

/** The response with CORS headers when the request's Origin is allowed (no cookies: no credentials). */
export function withCors(request, response, allowedOrigins) {
  const origin = allowedOrigin(request, allowedOrigins);
  if (origin === null) return response;
  const headers = new Headers(response.headers);
  headers.set("access-control-allow-origin", origin);
  headers.set("access-control-expose-headers", "www-authenticate");
  headers.append("vary", "Origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
