// What the page does with wasm-jwt/jwe (given as `jwe`): read the key under Decrypt or
// Encode, decrypt a token into the verdict the page shows, make keys and encrypt. Loaded with
// the JWE build, by jwe.js.

import { claimLines } from "./checks.js";
import { CONTENT_ENCRYPTION, KEY_MANAGEMENT } from "./jwe.js";
import { encodingName, isPem, keyFromText, repairPem, secretCandidates } from "./keys.js";
import { byteOffsetToIndex, bytesToBase64url } from "./token-view.js";
import { TITLES, libraryOptions } from "./verdict.js";
import { quoted, sentence } from "./words.js";

// A new key for `alg` (with `enc`), as the text the key fields take: a base64url secret of
// the length the algorithms need, or a private JWK marked for encryption (use "enc", no
// signature alg, so that it never signs).
export function newKeyText(jwe, alg, enc) {
  const management = KEY_MANAGEMENT.find((m) => m.name === alg);
  if (!management.pair) {
    const bytes = management.secretBytes === "enc" ? CONTENT_ENCRYPTION.find((e) => e.name === enc).keyBytes : management.secretBytes;
    return { text: bytesToBase64url(crypto.getRandomValues(new Uint8Array(bytes))), encoding: "base64url" };
  }
  const key = jwe.Key.generate(management.pair);
  try {
    const jwk = key.toJwk({ private: true });
    delete jwk.alg;
    return { text: JSON.stringify({ ...jwk, use: "enc" }, null, 2), encoding: "detect" };
  } finally {
    key.free();
  }
}

// `content` (a signed token, with `nested`, else claims) encrypted to the key under Encode:
// { token }, or { missing } / { error }.
export function encryptFor(jwe, content, { nested, alg, enc, keyText, encoding }) {
  if (keyText.trim() === "") return { missing: "Enter the recipient's key, or press Generate key." };
  let keys = [];
  try {
    keys = jweKeys(jwe, keyText, encoding);
    let failure;
    for (const { key } of keys) {
      try {
        return { token: nested ? jwe.encrypt(content, key, { alg, enc, header: { cty: "JWT" } }) : jwe.encryptJwt(content, key, { alg, enc }) };
      } catch (error) {
        if (!(error instanceof jwe.JwtError)) throw error;
        failure ??= error;
      }
    }
    return { error: failure };
  } catch (error) {
    if (!(error instanceof jwe.JwtError)) throw error;
    return { error };
  } finally {
    for (const { key } of keys) key.free();
  }
}

// Key management algorithms where the recipient holds a key pair: whoever has the public
// key can make such a token, so decrypting it says nothing of who wrote it.
const PUBLIC_KEY_ALGS = /^(ECDH-ES|RSA-OAEP)/;
// A compact JWS inside a JWE (a nested JWT, RFC 7519 §5.2).
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const utf8 = new TextEncoder();

// The keys to try for the text under Decrypt: [{ key, label }], the caller frees them. A JWK,
// JWKS or PEM is read as such; anything else is a secret (dir, A*KW, A*GCMKW), as an oct
// JWK, in each reading `encoding` allows ("detect": UTF-8 text, else the bytes of base64).
export function jweKeys(jwe, text, encoding) {
  if (encoding === "detect" && (isPem(text) || /^\s*\{/.test(text))) {
    const key = keyFromText(jwe, repairPem(text).text);
    return [{ key, label: key instanceof jwe.KeySet ? "the key set" : "the key" }];
  }
  return secretCandidates(text, encoding).map((reading) => {
    const bytes = typeof reading.value === "string" ? utf8.encode(reading.value) : reading.value;
    const key = jwe.Key.fromJwk({ kty: "oct", k: bytesToBase64url(bytes) });
    return { key, label: `the secret (read as ${encodingName(reading.encoding)}, ${bytes.length} bytes)` };
  });
}

const line = (state, code, text, fixes) => ({ id: "decryption", state, code, text, fixes });

// Decrypts with each key until one works: { decrypted, used } or { error, used }. A failed
// tag wins over another error (a wrong length, say): it is the reading whose length fits.
function tryKeys(jwe, token, keys) {
  let failure;
  for (const candidate of keys) {
    try {
      return { decrypted: jwe.decrypt(token, candidate.key), used: candidate };
    } catch (error) {
      if (!(error instanceof jwe.JwtError)) throw error;
      if (!failure || (error.code === "decryption_failed" && failure.error.code !== "decryption_failed")) failure = { error, used: candidate };
    }
  }
  return failure;
}

// What the decrypted bytes are: a nested JWT, JSON claims, text, or bytes.
function contentOf(header, plaintext) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    return { kind: "bytes", base64url: bytesToBase64url(plaintext) };
  }
  if (/^jwt$/i.test(header.cty ?? "") || COMPACT_JWS.test(text)) return { kind: "nested", token: text };
  try {
    const value = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return { kind: "claims", payload: value };
  } catch {
    // Text, not JSON.
  }
  return { kind: "text", text };
}

// A claim failure decryptJwt reports that the spelled-out checks do not show.
function libraryClaimLine(jwe, token, key, fields, now, lines) {
  try {
    jwe.decryptJwt(token, key, libraryOptions(fields, now));
    return null;
  } catch (error) {
    if (!(error instanceof jwe.JwtError)) throw error;
    if (lines.some((l) => l.state === "bad" && l.code === error.code)) return null;
    return { id: `library-${error.code}`, state: "bad", code: error.code, text: sentence(error.message) };
  }
}

function claimsVerdict(lines) {
  const failed = lines.find((l) => l.state === "bad");
  if (failed) return { state: "invalid", code: failed.code, title: TITLES[failed.code] ?? failed.code, message: "Decrypted, but a claim check fails (below)." };
  return { state: "valid", code: undefined, title: TITLES.decrypted, message: "Decrypted: the authentication tag matches, and every claim check passes." };
}

const UNSIGNED_NOTE = "Anyone holding the recipient's public key can make a token like this one: encryption alone does not show who wrote it. A signed JWT inside (cty \"JWT\") would.";

// Everything the views show for a JWE, in assess()'s shape: { display, verdict, fault }.
// `keyText`/`encoding`: the Decrypt field; `inner(token)`: the page's verdict on a nested JWS.
export function assessJwe(jwe, token, shown, keyText, encoding, fields, now, inner) {
  const header = shown.header;
  const display = { kind: "jwe", header, notes: { header: shown.notes.header, payload: "Encrypted: enter the decryption key under Decrypt to read it." } };
  const verdict = (state, code, title, message, lines = []) => ({ display, verdict: { state, code, title, message, lines, notes: [] } });
  const names = header ? `alg ${quoted(header.alg)}, enc ${quoted(header.enc)}` : "its header unread";
  // Without a key, the page's own reading says what is wrong; with one, the library does.
  if (!header && keyText.trim() === "") return verdict("invalid", "malformed", TITLES.malformed, `An encrypted token (JWE, five parts). ${shown.notes.header}`);
  if (keyText.trim() === "") {
    return verdict("unchecked", undefined, TITLES.encrypted, `An encrypted token (JWE: ${names}). Its protected header is shown under Header; the content needs the decryption key.`,
      [line("unchecked", undefined, "Not decrypted: enter the decryption key under Decrypt.", [{ id: "focus-decrypt-key", label: "Go to the decryption key" }])]);
  }
  let keys = [];
  try {
    keys = jweKeys(jwe, keyText, encoding);
    const outcome = tryKeys(jwe, token, keys);
    if (outcome.error) return failedVerdict(token, outcome, display, names);
    const { header: checked, plaintext } = outcome.decrypted;
    display.header = checked;
    display.notes = {};
    const done = line("good", undefined, `Decrypted with ${outcome.used.label} (${names}): the authentication tag matches, so the content is as it was encrypted.`);
    const content = contentOf(checked, plaintext);
    if (content.kind === "nested") return nestedVerdict(display, done, content.token, inner(content.token));
    const notes = PUBLIC_KEY_ALGS.test(checked.alg) ? [UNSIGNED_NOTE] : [];
    if (content.kind === "claims") {
      display.payload = content.payload;
      const lines = claimLines(content.payload, fields, now);
      const extra = libraryClaimLine(jwe, token, outcome.used.key, fields, now, lines);
      if (extra) lines.push(extra);
      return { display, verdict: { ...claimsVerdict(lines), lines: [done, ...lines], notes } };
    }
    display.plaintext = content;
    const what = content.kind === "text" ? "text, not JSON claims" : "bytes that are not UTF-8 text (shown as base64url)";
    return { display, verdict: { state: "valid", code: undefined, title: TITLES.decrypted, message: `Decrypted: the authentication tag matches. The content is ${what}.`, lines: [done], notes } };
  } catch (error) {
    if (!(error instanceof jwe.JwtError)) throw error;
    return verdict("invalid", error.code, TITLES[error.code] ?? "Key not usable", `The decryption key cannot be read: ${sentence(error.message)}`,
      [line("unchecked", error.code, `Cannot decrypt: the key cannot be read. ${sentence(error.message)}`)]);
  } finally {
    for (const { key } of keys) key.free();
  }
}

// One message for every tag, padding or unwrap failure, as the library gives: which of them
// it was is exactly what an attacker would want to learn.
function failedVerdict(token, { error, used }, display, names) {
  const text = error.code === "decryption_failed"
    ? `Cannot decrypt with ${used.label} (${names}): the key is wrong, or the token was altered after it was encrypted.`
    : `Cannot decrypt with ${used.label}: ${sentence(error.message)}`;
  const fault = error.offset === undefined ? undefined : { part: error.part ?? "token", index: byteOffsetToIndex(token, error.offset) };
  const message = error.code === "decryption_failed" ? "The key is wrong, or the token was altered after it was encrypted." : sentence(error.message);
  return { display, fault, verdict: { state: "invalid", code: error.code, title: TITLES[error.code] ?? "Cannot decrypt", message, lines: [line("bad", error.code, text)], notes: [] } };
}

// A signed JWT inside: the page's JWS verdict on it, after the decryption line.
function nestedVerdict(display, done, token, result) {
  display.payload = result.display?.payload;
  display.inner = { token, header: result.display?.header, fault: result.fault };
  const v = result.verdict;
  const title = v.state === "valid" ? TITLES.decrypted_verified : v.code === undefined && v.state === "unchecked" ? TITLES.decrypted_unchecked : v.title;
  const message = `Decrypted; inside is a signed JWT (shown under Signed JWT inside). ${v.message ?? ""}`.trim();
  return { display, secret: result.secret, verdict: { ...v, title, message, lines: [done, ...(v.lines ?? [])], notes: v.notes ?? [] } };
}
