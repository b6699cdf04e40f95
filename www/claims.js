// Explanations of registered header parameters and claims, and how times read.

import { h } from "./dom.js";
import { algorithmNamed } from "./algorithms.js";

const HEADER_PARAMETERS = {
  alg: "Algorithm that signed the token (RFC 7515 §4.1.1); the verifier, not the token, decides which it accepts.",
  typ: 'Media type of the whole token; "JWT" by convention (RFC 7519 §5.1).',
  kid: "Key ID: tells the verifier which of its keys signed the token; a JWKS is searched by it (RFC 7515 §4.1.4).",
  cty: 'Content type of the payload; "JWT" only for a nested token (RFC 7519 §5.2).',
  crit: "Extensions the verifier must understand, or reject the token (RFC 7515 §4.1.11).",
  jku: "URL of a key set chosen by the token itself (RFC 7515 §4.1.2). Never fetch keys from it.",
  jwk: "A public key embedded by the token itself (RFC 7515 §4.1.3). Never verify with it.",
  x5u: "URL of a certificate chain chosen by the token itself (RFC 7515 §4.1.5). Never fetch keys from it.",
  x5c: "A certificate chain embedded by the token itself (RFC 7515 §4.1.6).",
  x5t: "SHA-1 thumbprint of the signer's certificate (RFC 7515 §4.1.7).",
  "x5t#S256": "SHA-256 thumbprint of the signer's certificate (RFC 7515 §4.1.8).",
};

const CLAIMS = {
  iss: "Issuer: who created and signed the token (RFC 7519 §4.1.1).",
  sub: "Subject: whom the token is about, usually a user ID (§4.1.2).",
  aud: "Audience: who the token is for; a verifier must refuse a token not addressed to it (§4.1.3).",
  exp: "Expiration time: the token must not be accepted at or after this time (§4.1.4).",
  nbf: "Not before: the token must not be accepted before this time (§4.1.5).",
  iat: "Issued at: when the token was created (§4.1.6).",
  jti: "JWT ID: a unique identifier, so a server can refuse a replayed token (§4.1.7).",
};

const TIME_CLAIMS = new Set(["exp", "nbf", "iat"]);
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

// "in 30 minutes" / "3 hours ago": the largest unit the span reaches, rounded to the
// nearest whole one, so that a token made to expire in 30 minutes says so a moment later;
// a count that rounds up to the next unit reads as that unit ("1 hour", not "60 minutes").
export function relativeTime(seconds, now) {
  const delta = seconds - now;
  const index = UNITS.findIndex(([, size]) => Math.abs(delta) >= size);
  let [unit, size] = UNITS[index] ?? UNITS[UNITS.length - 1];
  const larger = UNITS[index - 1];
  if (index > 0 && Math.abs(Math.round(delta / size)) * size >= larger[1]) [unit, size] = larger;
  return relative.format(Math.round(delta / size), unit);
}

// With a leeway, an exp just past (or an nbf just ahead) is still accepted: said so, in
// the same words as the verdict.
function timeWording(claim, seconds, now, leeway) {
  const when = relativeTime(seconds, now);
  const past = seconds <= now;
  const within = " (accepted within the leeway)";
  if (claim === "exp") {
    if (!past) return { text: `expires ${when}`, state: "good" };
    return seconds > now - leeway ? { text: `expired ${when}${within}`, state: "warn" } : { text: `expired ${when}`, state: "bad" };
  }
  if (claim === "nbf") {
    if (past) return { text: `became valid ${when}`, state: "good" };
    return seconds <= now + leeway ? { text: `becomes valid ${when}${within}`, state: "warn" } : { text: `becomes valid ${when}`, state: "bad" };
  }
  return { text: past ? `issued ${when}` : `issued in the future (${when})`, state: past ? "" : "bad" };
}

function timeCell(claim, seconds, now, leeway) {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return [h("code", {}, String(seconds))];
  const wording = timeWording(claim, seconds, now, leeway);
  return [
    h("code", {}, String(seconds)),
    h("span", { class: `relative ${wording.state}` }, wording.text),
    h("time", { datetime: date.toISOString(), class: "dates" },
      h("span", {}, `${date.toLocaleString()} local`),
      h("span", {}, `${date.toISOString().replace("T", " ").replace(/\.000Z$/, "")} UTC`)),
  ];
}

function valueCell(name, value, now, leeway) {
  if (TIME_CLAIMS.has(name) && typeof value === "number") return timeCell(name, value, now, leeway);
  return [h("code", {}, typeof value === "string" ? value : JSON.stringify(value))];
}

function explanation(table, name, value, where) {
  if (table[name]) {
    const algorithm = name === "alg" && algorithmNamed(value);
    return algorithm ? `${table[name]} ${algorithm.summary}` : table[name];
  }
  return where === "header" ? "Header parameter not registered by RFC 7515; the application defines it." : "Private claim: not registered, its meaning is up to the application.";
}

function rows(object, table, where, now, leeway) {
  return Object.entries(object).map(([name, value]) =>
    h("tr", { class: table[name] ? "registered" : "private" },
      h("th", { scope: "row" }, h("code", {}, name), h("span", { class: "where" }, where)),
      h("td", { class: "value" }, ...valueCell(name, value, now, leeway)),
      h("td", { class: "meaning" }, explanation(table, name, value, where))));
}

export function claimsTable(header, payload, now, leeway = 0) {
  return h("table", { class: "claims" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Name"), h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "What it means"))),
    h("tbody", {}, ...rows(header, HEADER_PARAMETERS, "header", now, leeway), ...rows(payload, CLAIMS, "payload", now, leeway)));
}
