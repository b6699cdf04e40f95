// Reading what can be read of a token wasm-jwt refuses (malformed, or over its length
// limit): for display only, never for a verdict. Also the fixes that make such a token
// well-formed without changing it otherwise.

import { lenientBase64Bytes } from "./token-view.js";

const BEARER = /^\s*bearer\s+/i;

// { value } for a segment that reads as a JSON object, else { error }.
function jsonSegment(segment) {
  if (segment === "") return { error: "it is empty" };
  const bytes = lenientBase64Bytes(segment);
  if (!bytes) return { error: "it is not base64url" };
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { error: "its bytes are not UTF-8 text" };
  }
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, ""));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return { value };
    return { error: "it is JSON, but not an object" };
  } catch {
    return { error: "it is not JSON" };
  }
}

// What a person pasted, read as far as it goes: { kind, header, payload, notes }.
// `kind` is "jws" (three parts), "jwe" (five: only the protected header is readable), or
// "parts" (another count). header/payload are { value } or { error }.
export function partialDecode(token) {
  const compact = token.replace(BEARER, "").replace(/\s+/g, "");
  const segments = compact.split(".");
  const header = jsonSegment(segments[0]);
  if (segments.length === 5) {
    return { kind: "jwe", header, payload: { error: "a JWE's payload is encrypted; only its protected header can be read" }, segments: 5 };
  }
  const payload = segments.length > 1 ? jsonSegment(segments[1]) : { error: "the token has no second part" };
  return { kind: segments.length === 3 ? "jws" : "parts", header, payload, segments: segments.length };
}

// Fixes that keep the token otherwise intact, each { id, label, apply(token) → token }.
// A "Bearer " prefix comes off first: removing whitespace before it would join the word to the token.
const FIXES = [
  { id: "strip-bearer", label: 'Remove the "Bearer " prefix', applies: (t) => BEARER.test(t), apply: (t) => t.replace(BEARER, "").trim() },
  { id: "strip-whitespace", label: "Remove the whitespace", applies: (t) => !BEARER.test(t) && /\s/.test(t), apply: (t) => t.replace(/\s+/g, "") },
  { id: "strip-padding", label: "Remove the = padding", applies: (t) => !BEARER.test(t) && /=+(\.|\s*$)/.test(t), apply: (t) => t.replace(/=+(?=\.|\s*$)/g, "") },
];

export function fixesFor(token) {
  return FIXES.filter((fix) => fix.applies(token));
}

export function applyFix(token, id) {
  const fix = FIXES.find((f) => f.id === id);
  return fix ? fix.apply(token) : token;
}
