// The claim checks of the verdict, one line each, with the values compared and a fix
// where one exists. They restate what wasm-jwt's verify checks (README: Error codes), so
// that every failing check shows at once, not only the first one verify meets.
// A line: { id, state: "good" | "bad" | "info", code?, text, fixes?: [{ id, label, value? }] }.

import { relativeTime } from "./claims.js";
import { quoted } from "./words.js";

const list = (values) => values.map(quoted).join(" or ");

function timeLines(payload, leeway, now) {
  const lines = [];
  const within = `accepted within the ${leeway} s leeway`;
  const { exp, nbf, iat } = payload;
  if (typeof exp === "number") {
    const when = relativeTime(exp, now);
    if (exp <= now - leeway) lines.push({ id: "exp", state: "bad", code: "expired", text: `Expired ${when} (exp ${exp})${leeway ? `, beyond the ${leeway} s leeway` : ""}.` });
    else if (exp <= now) lines.push({ id: "exp", state: "good", text: `Expired ${when} (exp ${exp}), ${within}.` });
    else lines.push({ id: "exp", state: "good", text: `Expires ${when} (exp ${exp}).` });
  } else if (exp === undefined) {
    lines.push({ id: "exp", state: "info", text: "No expiry (exp): the token stays valid for ever." });
  }
  if (typeof nbf === "number") {
    const when = relativeTime(nbf, now);
    if (nbf > now + leeway) lines.push({ id: "nbf", state: "bad", code: "not_yet_valid", text: `Not valid yet: becomes valid ${when} (nbf ${nbf}).` });
    else if (nbf > now) lines.push({ id: "nbf", state: "good", text: `Becomes valid ${when} (nbf ${nbf}), ${within}.` });
    else lines.push({ id: "nbf", state: "good", text: `Valid since ${when.replace(/^in /, "")} (nbf ${nbf}).` });
  }
  if (typeof iat === "number") {
    const when = relativeTime(iat, now);
    lines.push(iat > now + leeway
      ? { id: "iat", state: "info", text: `Issued in the future, ${when} (iat ${iat}); verify accepts this unless maxAge is set.` }
      : { id: "iat", state: "good", text: `Issued ${when} (iat ${iat}).` });
  }
  return lines;
}

function issuerLine(iss, issuers) {
  if (!issuers.length) {
    return iss === undefined ? null : { id: "iss", state: "info", text: `The issuer (iss) is ${quoted(iss)}; not checked, as the Issuer option is empty.` };
  }
  const clear = { id: "clear-issuer", label: "Clear the Issuer option" };
  if (iss === undefined) return { id: "iss", state: "bad", code: "missing_claim", text: `The token has no issuer (iss); the Issuer option expects ${list(issuers)}.`, fixes: [clear] };
  if (!issuers.includes(iss)) {
    return { id: "iss", state: "bad", code: "issuer", text: `The issuer (iss) is ${quoted(iss)}; the Issuer option expects ${list(issuers)}.`, fixes: [{ id: "use-issuer", label: `Accept the issuer ${quoted(iss)}`, value: iss }] };
  }
  return { id: "iss", state: "good", text: `The issuer (iss) is ${quoted(iss)}, as the Issuer option expects.` };
}

function audienceLine(aud, audiences) {
  const auds = aud === undefined ? [] : [aud].flat();
  if (!audiences.length) {
    if (aud === undefined) return null;
    return {
      id: "aud", state: "bad", code: "audience",
      text: `The audience (aud) is ${list(auds)}, and no audience is configured: a verifier must check that it is one of the recipients (RFC 7519 §4.1.3), so verify refuses the token until the Audience option names one.`,
      fixes: [{ id: "use-audience", label: `Accept the audience ${quoted(auds[0])}`, value: String(auds[0]) }, { id: "focus-audience", label: "Go to the Audience option" }],
    };
  }
  const clear = { id: "clear-audience", label: "Clear the Audience option" };
  if (aud === undefined) return { id: "aud", state: "bad", code: "missing_claim", text: `The token has no audience (aud); the Audience option expects ${list(audiences)}.`, fixes: [clear] };
  if (!auds.some((a) => audiences.includes(a))) {
    return { id: "aud", state: "bad", code: "audience", text: `The audience (aud) is ${list(auds)}; the Audience option expects ${list(audiences)}.`, fixes: [{ id: "use-audience", label: `Accept the audience ${quoted(auds[0])}`, value: String(auds[0]) }] };
  }
  return { id: "aud", state: "good", text: `The audience (aud) is ${list(auds)}, as the Audience option expects.` };
}

function requiredLines(payload, required) {
  return required.map((name) => (name in payload
    ? { id: `required-${name}`, state: "good", text: `The claim ${quoted(name)} is present, as Required claims asks.` }
    : { id: `required-${name}`, state: "bad", code: "missing_claim", text: `The token has no claim ${quoted(name)}, which Required claims asks for.`, fixes: [{ id: "unrequire", label: `Stop requiring ${name}`, value: name }] }));
}

// `options`: { issuers: [], audiences: [], leeway, required: [] } as the page's fields hold them.
export function claimLines(payload, options, now) {
  return [
    ...timeLines(payload, options.leeway, now),
    issuerLine(payload.iss, options.issuers),
    audienceLine(payload.aud, options.audiences),
    ...requiredLines(payload, options.required),
  ].filter(Boolean);
}
