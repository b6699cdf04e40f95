// The verdict on a token: one line for the signature, one per claim check, and an overall
// status that follows from them. The signature is checked by wasm-jwt's verify with the
// claim checks out of the way (verify checks structure, header, key and signature before
// any claim, so a claim error means the signature matched); the claims are then checked
// by verify with the page's options, and each check is also spelled out (checks.js).
// Only a secret the library refuses as weak is checked here instead, with Web Crypto.

import { algorithmNamed } from "./algorithms.js";
import { claimLines } from "./checks.js";
import { keyFromText, repairPem } from "./keys.js";
import { partialDecode } from "./partial.js";
import { byteOffsetToIndex } from "./token-view.js";
import { quoted, sentence } from "./words.js";

export const TITLES = {
  valid: "Signature verified",
  unchecked: "Decoded; signature not checked",
  no_signature: "No signature",
  bad_signature: "Invalid signature",
  expired: "Expired",
  not_yet_valid: "Not yet valid",
  malformed: "Malformed token",
  malformed_claim: "Malformed claim",
  unsupported_alg: "Unsupported algorithm",
  alg_not_allowed: "Algorithm not allowed",
  invalid_key: "Key not usable",
  weak_key: "Weak key",
  key_mismatch: "Key does not suit this algorithm",
  key_not_found: "No key for this token",
  too_old: "Too old",
  issuer: "Issuer not accepted",
  audience: "Audience not accepted",
  subject: "Subject not accepted",
  typ: "Type not accepted",
  missing_claim: "Missing claim",
  crit: "Unsupported critical extension",
  too_large: "Token too large",
  too_deep: "JSON nested too deeply",
  invalid_option: "Invalid option",
  decryption_failed: "Cannot decrypt",
  encrypted: "Encrypted token (JWE); not decrypted",
  decrypted: "Decrypted",
  decrypted_verified: "Decrypted; signature verified",
  decrypted_unchecked: "Decrypted; signature not checked",
};

// Codes verify returns only after the signature matched.
const CLAIM_CODES = new Set(["expired", "not_yet_valid", "too_old", "issuer", "audience", "subject", "typ", "missing_claim", "malformed_claim"]);
export const DEFAULT_MAX_TOKEN_LENGTH = 65536;
// A leeway no time claim can exceed: it switches the time checks off for the signature pass.
const ANY_TIME = 1e12;

function partDescription(fault) {
  const where = fault.part === "token" ? "the token" : `the ${fault.part}`;
  return `in ${where}, at character ${fault.index + 1}`;
}

function faultOf(token, error) {
  if (error.offset === undefined) return undefined;
  return { part: error.part ?? "token", index: byteOffsetToIndex(token, error.offset) };
}

export function libraryOptions(fields, now) {
  const options = { now, leeway: fields.leeway, maxTokenLength: fields.maxTokenLength };
  const one = (list) => (list.length === 1 ? list[0] : list);
  if (fields.issuers.length) options.issuer = one(fields.issuers);
  if (fields.audiences.length) options.audience = one(fields.audiences);
  if (fields.required.length) options.required = fields.required;
  return options;
}

// Options under which only structure, header, key and signature can fail.
function signatureOnlyOptions(payload, fields, now) {
  const options = { now, leeway: ANY_TIME, maxTokenLength: fields.maxTokenLength };
  const aud = [payload.aud ?? []].flat();
  if (aud.length && aud.every((a) => typeof a === "string")) options.audience = aud[0];
  return options;
}

// "matched" when verify got past the signature, else the JwtError.
function trySignature(jwt, token, key, options) {
  try {
    jwt.verify(token, key, options);
    return "matched";
  } catch (error) {
    if (!(error instanceof jwt.JwtError)) throw error;
    return CLAIM_CODES.has(error.code) ? "matched" : error;
  }
}

const line = (state, code, text, fixes) => ({ id: "signature", state, code, text, fixes });

function keyKindFix(alg) {
  const hmac = algorithmNamed(alg)?.family === "hmac";
  return { id: "switch-key", label: hmac ? "Use a secret instead" : "Use a public key instead", value: hmac ? "secret" : "public" };
}

// A key the library could not use for this token, as a signature line.
function keyProblemLine(error, alg, fields, token) {
  if (error.code === "too_large" && error.part === "token") {
    return line("unchecked", "too_large", `Not checked: the token is ${token.length.toLocaleString("en")} characters long, over verify's limit of ${fields.maxTokenLength.toLocaleString("en")} (the Max token length option).`,
      [{ id: "raise-limit", label: `Raise the limit to ${token.length.toLocaleString("en")}`, value: String(token.length) }]);
  }
  if (error.code === "key_mismatch") return line("unchecked", error.code, `Cannot check: ${sentence(error.message)}`, [keyKindFix(alg)]);
  return line("unchecked", error.code, `Cannot check: ${sentence(error.message)}`);
}

// Which key of a set verified a token: its kid (the token's own, when it names one).
function matchedKid(jwt, token, header, setText, options) {
  if (typeof header.kid === "string") return header.kid;
  let keys;
  try {
    keys = JSON.parse(setText).keys;
  } catch {
    return undefined;
  }
  for (const [index, jwk] of keys.entries()) {
    let key;
    try {
      key = jwt.Key.fromJwk(jwk);
      if (trySignature(jwt, token, key, options) === "matched") return jwk.kid ?? `key ${index + 1} (no kid)`;
    } catch {
      // Not this key.
    } finally {
      key?.free();
    }
  }
  return undefined;
}

function secretSignature(jwt, token, decoded, keyInput, fields, options, webCrypto) {
  const alg = decoded.header.alg;
  const algorithm = algorithmNamed(alg);
  const readings = keyInput.candidates;
  const weak = [];
  let mismatch;
  for (const secret of readings) {
    const outcome = trySignature(jwt, token, secret.value, options);
    const how = `the secret (read as ${secret.label})`;
    if (outcome === "matched") return { line: line("good", undefined, `The ${alg} signature matches ${how}.`), secret, verified: true };
    if (outcome.code === "weak_key") weak.push(secret);
    else if (outcome.code === "bad_signature") mismatch ??= secret;
    else return { line: keyProblemLine(outcome, alg, fields, token), secret };
  }
  if (weak.length && algorithm?.family === "hmac") {
    const refused = `wasm-jwt's verify refuses it (weak_key: ${alg} needs a secret of at least ${algorithm.secretBytes} bytes, RFC 7518 §3.2), so this page checked it with the browser's Web Crypto instead.`;
    const result = webCrypto(algorithm.hash, weak);
    if (result === undefined) return { line: line("unchecked", "weak_key", `Checking the short secret with Web Crypto: ${refused}`), secret: weak[0] };
    if (result >= 0) {
      const secret = weak[result];
      return { line: line("weak", "weak_key", `The ${alg} signature matches the secret (read as ${secret.label}), but the secret is only ${secret.bytes} bytes: ${refused}`), secret, weakMatch: true };
    }
    if (!mismatch) return { line: line("bad", "bad_signature", `The ${alg} signature does not match the secret (${weak[0].bytes} bytes, read as ${weak[0].label}): another secret signed the token, or it was changed after signing. The secret is also weak: ${refused}`), secret: weak[0] };
  }
  const secret = mismatch ?? readings[0];
  const tried = readings.length > 1 ? `the secret, read as ${readings.map((r) => r.label).join(" or as ")}` : `the secret (read as ${secret.label})`;
  return { line: line("bad", "bad_signature", `The ${alg} signature does not match ${tried}: another secret signed the token, or it was changed after signing.`), secret };
}

function publicSignature(jwt, token, decoded, keyInput, fields, options) {
  const alg = decoded.header.alg;
  const { text: keyText, repaired } = repairPem(keyInput.text);
  const notes = repaired ? ["The key's PEM line breaks had become spaces; the page put them back."] : [];
  let key;
  try {
    key = keyFromText(jwt, keyText);
  } catch (error) {
    return { line: line("unchecked", error.code ?? "invalid_key", `Cannot check: the key cannot be read. ${sentence(error.message)}`), notes };
  }
  try {
    const isSet = key instanceof jwt.KeySet;
    if (!isSet && key.isPrivate) notes.push("This is a private key: its public half is used to verify. Paste only public keys into web pages.");
    const outcome = trySignature(jwt, token, key, options);
    if (outcome === "matched") {
      const kid = isSet ? matchedKid(jwt, token, decoded.header, keyText, options) : undefined;
      const which = isSet ? `the key ${kid === undefined ? "" : `${quoted(kid)} `}of the key set` : "the public key";
      return { line: line("good", undefined, `The ${alg} signature matches ${which}.`), verified: true, notes, kid };
    }
    if (outcome.code === "bad_signature") {
      // The library's message adds something only when it says why (a wrong length, say).
      const why = /signature does not match$/.test(outcome.message) ? "" : ` ${sentence(outcome.message)}`;
      return { line: line("bad", "bad_signature", `The ${alg} signature does not match this key: another key signed the token, or it was changed after signing.${why}`), notes };
    }
    return { line: keyProblemLine(outcome, alg, fields, token), notes };
  } finally {
    key.free();
  }
}

// `keyInput`: { kind: "secret", candidates } | { kind: "public", text } | { missing } | { error }.
function signatureCheck(jwt, token, decoded, keyInput, fields, now, webCrypto) {
  const alg = decoded.header.alg;
  if (decoded.signature === "") {
    return { line: line("bad", "no_signature", "The token has no signature (its third part is empty), so nothing shows who wrote it; verify refuses it.") };
  }
  if (token.length > fields.maxTokenLength) return { line: keyProblemLine({ code: "too_large", part: "token" }, alg, fields, token) };
  if (keyInput.missing) return { line: line("unchecked", undefined, keyInput.missing, [{ id: "focus-key", label: "Go to the key" }]) };
  if (keyInput.error) return { line: line("unchecked", "invalid_key", keyInput.error) };
  const options = signatureOnlyOptions(decoded.payload, fields, now);
  return keyInput.kind === "secret"
    ? secretSignature(jwt, token, decoded, keyInput, fields, options, webCrypto)
    : publicSignature(jwt, token, decoded, keyInput, fields, options);
}

// A claim failure verify reports that the spelled-out checks do not show.
function libraryClaimLine(jwt, token, key, fields, now, lines) {
  try {
    jwt.verify(token, key, libraryOptions(fields, now));
    return null;
  } catch (error) {
    if (!(error instanceof jwt.JwtError)) throw error;
    if (lines.some((l) => l.state === "bad" && l.code === error.code)) return null;
    return { id: `library-${error.code}`, state: "bad", code: error.code, text: sentence(error.message) };
  }
}

function overall(signature, lines) {
  const sig = signature.line;
  const failed = lines.find((l) => l.state === "bad");
  if (sig.state === "good") {
    if (failed) return { state: "invalid", code: failed.code, title: TITLES[failed.code] ?? failed.code, message: "The signature matches, but a claim check fails (below)." };
    return { state: "valid", code: undefined, title: TITLES.valid, message: "The signature matches and every claim check passes." };
  }
  if (sig.state === "weak") {
    const checkedHere = "The signature matches, checked by this page: wasm-jwt's strict verify refuses a secret this short";
    if (failed) return { state: "invalid", code: failed.code, title: TITLES[failed.code] ?? failed.code, message: `${checkedHere}; and a claim check fails (below).` };
    return { state: "warning", code: "weak_key", title: "Signature matches; the secret is weak", message: `${checkedHere}.` };
  }
  const alsoFailed = failed ? "A claim check fails too (below)." : "";
  if (sig.state === "bad") return { state: "invalid", code: sig.code, title: TITLES[sig.code], message: alsoFailed };
  if (sig.code) return { state: sig.code === "weak_key" ? "unchecked" : "invalid", code: sig.code, title: TITLES[sig.code] ?? "Signature not checked", message: alsoFailed };
  return { state: "unchecked", code: undefined, title: TITLES.unchecked, message: alsoFailed };
}

// The header and payload to show for a token decode refuses, read leniently.
export function displayOnly(token) {
  const partial = partialDecode(token);
  return {
    header: partial.header.value,
    payload: partial.payload.value,
    notes: {
      header: partial.header.error && `The header cannot be read: ${partial.header.error}.`,
      payload: partial.payload.error && `The payload cannot be read: ${partial.payload.error}.`,
    },
    kind: partial.kind,
  };
}

// Decodes for display: decode() when it can (its limit is the default one), else the
// page's lenient reading of a token over that limit.
function decodeForDisplay(jwt, token) {
  try {
    return { decoded: jwt.decode(token) };
  } catch (error) {
    if (!(error instanceof jwt.JwtError)) throw error;
    if (error.code === "too_large" && error.part === "token") {
      const shown = displayOnly(token);
      const segments = token.split(".");
      if (shown.header && shown.payload && segments.length === 3) return { decoded: { header: shown.header, payload: shown.payload, signature: segments[2] }, large: true };
    }
    return { error };
  }
}

// Everything the views show: { decoded, display, verdict, fault, secret }.
export function assess(jwt, token, keyInput, fields, now, webCrypto) {
  if (token === "") return { verdict: { state: "unchecked", title: "No token", message: "Paste a token above or choose an example.", lines: [] } };
  const { decoded, error, large } = decodeForDisplay(jwt, token);
  if (error) {
    const fault = faultOf(token, error);
    const shown = displayOnly(token);
    const jwe = shown.kind === "jwe" && shown.header ? " Its protected header is shown under Header." : "";
    return {
      fault,
      display: shown,
      verdict: {
        state: "invalid",
        code: error.code,
        title: TITLES[error.code] ?? "Not a token",
        message: `${sentence(fault ? `${error.message} (${partDescription(fault)})` : error.message)}${jwe}`,
        lines: [],
      },
    };
  }
  const signature = signatureCheck(jwt, token, decoded, keyInput, fields, now, webCrypto);
  const lines = claimLines(decoded.payload, fields, now);
  if (signature.verified) {
    const key = signature.secret?.value ?? (keyInput.kind === "public" ? keyFromText(jwt, repairPem(keyInput.text).text) : undefined);
    try {
      const extra = libraryClaimLine(jwt, token, key, fields, now, lines);
      if (extra) lines.push(extra);
    } finally {
      if (key && typeof key !== "string" && !(key instanceof Uint8Array)) key.free();
    }
  }
  const notes = [...(signature.notes ?? [])];
  if (large) notes.push(`This token is ${token.length.toLocaleString("en")} characters long, over decode's default limit of ${DEFAULT_MAX_TOKEN_LENGTH.toLocaleString("en")}: the page decoded it for display.`);
  return {
    decoded,
    display: { header: decoded.header, payload: decoded.payload, notes: {} },
    verdict: { ...overall(signature, lines), lines: [signature.line, ...lines], notes },
    secret: signature.secret,
    kid: signature.kid,
  };
}
