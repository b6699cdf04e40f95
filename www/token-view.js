// Presentation of a token: coloured segments, the faulty character of a malformed
// token, and syntax-coloured JSON. Display only: decoding and checking is wasm-jwt's job.

import { h } from "./dom.js";

const SEGMENT_CLASSES = ["seg-header", "seg-payload", "seg-signature"];
const PART_SEGMENTS = { header: 0, payload: 1, signature: 2 };

// The five parts of a compact JWE (RFC 7516 §7.1), each with its colour class.
export const JWE_PARTS = [
  { name: "Protected header", class: "seg-header" },
  { name: "Encrypted key", class: "seg-key" },
  { name: "Initialization vector", class: "seg-iv" },
  { name: "Ciphertext", class: "seg-ciphertext" },
  { name: "Authentication tag", class: "seg-tag" },
];
const JWE_CLASSES = JWE_PARTS.map((part) => part.class);

// wasm-jwt reports offsets in UTF-8 bytes of the token; the editor counts UTF-16 units.
export function byteOffsetToIndex(text, byteOffset) {
  let bytes = 0;
  let index = 0;
  for (const char of text) {
    if (bytes >= byteOffset) break;
    const cp = char.codePointAt(0);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += char.length;
  }
  return index;
}

// The token as coloured spans, a JWE's five parts in colours of their own. `fault` is
// { part, index } for a malformed token: its part gets a wavy underline and the character
// at `index` a mark (in a JWE, the part that holds that character).
export function colouredToken(token, fault) {
  const nodes = [];
  let segment = 0;
  let start = 0;
  const jwe = token.split(".").length === 5;
  const classes = jwe ? JWE_CLASSES : SEGMENT_CLASSES;
  const faultSegment = !fault ? undefined : jwe ? token.slice(0, fault.index).split(".").length - 1 : PART_SEGMENTS[fault.part];
  const pushSegment = (end) => {
    if (end <= start) return;
    const cls = [classes[segment] ?? "seg-extra", segment === faultSegment ? "part-fault" : ""].join(" ").trim();
    nodes.push(...withMark(token.slice(start, end), start, cls, fault));
  };
  for (let i = 0; i < token.length; i++) {
    if (token[i] !== ".") continue;
    pushSegment(i);
    nodes.push(...withMark(".", i, "dot", fault));
    segment++;
    start = i + 1;
  }
  pushSegment(token.length);
  if (fault && fault.index >= token.length) nodes.push(faultMark(" ", fault));
  // A trailing newline in a <pre> collapses; keep the backdrop as tall as the textarea.
  nodes.push("\n");
  return nodes;
}

function withMark(text, offset, cls, fault) {
  if (!fault || fault.index < offset || fault.index >= offset + text.length) return [h("span", { class: cls }, text)];
  const at = fault.index - offset;
  return [
    at > 0 && h("span", { class: cls }, text.slice(0, at)),
    faultMark(text[at], fault, cls),
    at + 1 < text.length && h("span", { class: cls }, text.slice(at + 1)),
  ].filter(Boolean);
}

function faultMark(char, fault, cls = "") {
  return h("mark", { class: `fault ${cls}`.trim(), "data-part": fault.part, "data-index": String(fault.index) }, char);
}

// base64 or base64url, with or without padding, to bytes; null when it is neither.
// For display only: wasm-jwt's decoding is strict.
export function lenientBase64Bytes(segment) {
  const base64 = segment.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(base64) || base64.length % 4 === 1) return null;
  return Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

// The verbatim JSON text of a base64url segment, for the "How it works" panel.
export function segmentText(segment) {
  return new TextDecoder().decode(lenientBase64Bytes(segment) ?? new Uint8Array());
}

export function base64urlToBytes(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    const index = text.search(/[^A-Za-z0-9_-]/);
    throw new Error(`character ${index + 1} (${JSON.stringify(text[index])}) is not base64url; use A–Z, a–z, 0–9, "-" and "_" without padding`);
  }
  if (text.length % 4 === 1) throw new Error("this length is impossible for base64url");
  return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

export function bytesToBase64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

// Pretty JSON with classes for keys, strings, numbers and literals.
export function colouredJson(value) {
  const text = JSON.stringify(value, null, 2);
  const nodes = [];
  const pattern = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    nodes.push(text.slice(last, match.index));
    const [whole, string, colon, number, literal] = match;
    if (string) nodes.push(h("span", { class: colon ? "json-key" : "json-string" }, string), colon ?? "");
    else if (number) nodes.push(h("span", { class: "json-number" }, number));
    else nodes.push(h("span", { class: "json-literal" }, literal));
    last = match.index + whole.length;
  }
  nodes.push(text.slice(last));
  return nodes;
}
