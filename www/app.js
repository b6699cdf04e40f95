// The debugger page. Every decode, verify and sign goes through the wasm-jwt package: its
// signing build, wasm-jwt/sign, since the Encode tab signs and makes keys (imported through
// the import map that www/serve.mjs derives from pkg/package.json). Encrypted tokens (JWE) go
// through wasm-jwt/jwe, which jwe.js loads only when one is pasted or asked for.

import * as jwt from "wasm-jwt/sign";
import { algorithmNamed, supportedAlgorithms } from "./algorithms.js";
import { claimsTable } from "./claims.js";
import { $, $$, copyText, h, replaceChildrenIfChanged, setText } from "./dom.js";
import { EXAMPLE_PRIVATE_JWKS } from "./example-keys.js";
import { hmacMatches } from "./hmac.js";
import { howItWorks } from "./how.js";
import { parseJsonObject } from "./json-check.js";
import { CONTENT_ENCRYPTION, KEY_MANAGEMENT, loadJwe, loadedJwe } from "./jwe.js";
import { EXAMPLE_SECRET, encodingName, holdsPrivateKey, keyFromText, privateKeyText, publicKeyText, secretCandidates, secretFrom } from "./keys.js";
import { applyFix, fixesFor, partialDecode } from "./partial.js";
import { JWE_PARTS, bytesToBase64url, colouredJson, colouredToken, lenientBase64Bytes } from "./token-view.js";
import { DEFAULT_MAX_TOKEN_LENGTH, TITLES, assess, displayOnly } from "./verdict.js";
import { headerWarnings, payloadWarnings, secretWarnings } from "./warnings.js";
import { quoted, sentence } from "./words.js";

const SUPPORTED = supportedAlgorithms(jwt);
const CAN_GENERATE = typeof jwt.Key.generate === "function";
const READS_PEM = typeof jwt.Key.fromPem === "function";
const ACCESS_TOKEN_SECONDS = 30 * 60;
const REFRESH_TOKEN_SECONDS = 14 * 86400;

const el = {
  token: $("#token"),
  tokenColours: $("#token-colours"),
  status: $("#status"),
  warnings: $("#warnings"),
  header: $("#decoded-header"),
  payload: $("#decoded-payload"),
  claims: $("#claims"),
  secret: $("#verify-secret"),
  secretEncoding: $("#verify-secret-encoding"),
  publicKey: $("#verify-public-key"),
  issuer: $("#verify-issuer"),
  audience: $("#verify-audience"),
  leeway: $("#verify-leeway"),
  required: $("#verify-required"),
  maxLength: $("#verify-max-length"),
  encodeAlg: $("#encode-alg"),
  encodeHeader: $("#encode-header"),
  encodePayload: $("#encode-payload"),
  encodeSecret: $("#encode-secret"),
  encodeSecretEncoding: $("#encode-secret-encoding"),
  privateKey: $("#encode-private-key"),
  encodePublicKey: $("#encode-public-key"),
  encodeToken: $("#encode-token"),
  encodeStatus: $("#encode-status"),
  encodeWarnings: $("#encode-warnings"),
  how: $("#how"),
  example: $("#example"),
  tokenParts: $("#token-parts"),
  decryptKey: $("#decrypt-key"),
  decryptKeyEncoding: $("#decrypt-key-encoding"),
  innerToken: $("#inner-token"),
  innerHeader: $("#inner-header"),
  encodeEncrypt: $("#encode-encrypt"),
  encodeJweAlg: $("#encode-jwe-alg"),
  encodeJweEnc: $("#encode-jwe-enc"),
  encodeJweNested: $("#encode-jwe-nested"),
  encodeJweKey: $("#encode-jwe-key"),
  encodeJweKeyEncoding: $("#encode-jwe-key-encoding"),
};

// What the encoder last wrote into the token editor, and why it could not sign, if so.
const encoder = { lastToken: null, problem: null };
// What the loaded example put into the fields, so that a token of the user's own clears it.
let example = null;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const commaList = (text) => text.split(",").map((s) => s.trim()).filter(Boolean);

// ---------------------------------------------------------------- verify

function keyKind() {
  return $("#key-kind-public").checked ? "public" : "secret";
}

function setKeyKind(kind) {
  $(`#key-kind-${kind}`).checked = true;
  $("#verify-secret-fields").hidden = kind !== "secret";
  $("#verify-public-fields").hidden = kind !== "public";
}

function nonNegative(input, fallback) {
  const value = Number(input.value);
  return input.value !== "" && Number.isFinite(value) && value >= 0 ? value : fallback;
}

// The Options fields as the verdict reads them.
function optionFields() {
  return {
    issuers: commaList(el.issuer.value),
    audiences: commaList(el.audience.value),
    leeway: nonNegative(el.leeway, 0),
    required: commaList(el.required.value),
    maxTokenLength: Math.max(1, Math.floor(nonNegative(el.maxLength, DEFAULT_MAX_TOKEN_LENGTH))),
  };
}

// The key under Verify signature: { kind: "secret", candidates } (the readings of the
// secret to try), { kind: "public", text }, or { missing } / { error }.
function keyInput() {
  if (keyKind() === "secret") {
    if (el.secret.value === "") return { missing: "Not checked: enter the secret under Verify signature." };
    try {
      const candidates = secretCandidates(el.secret.value, el.secretEncoding.value).map((c) => ({ ...c, label: encodingName(c.encoding) }));
      return { kind: "secret", candidates };
    } catch (error) {
      return { error: sentence(`Not checked: the secret cannot be read as ${encodingName(el.secretEncoding.value)}: ${error.message}`) };
    }
  }
  if (el.publicKey.value.trim() === "") return { missing: "Not checked: paste the public key or key set under Verify signature." };
  return { kind: "public", text: el.publicKey.value };
}

// Web Crypto's answer for a secret the library refuses as weak: the index of the reading
// that matches, -1 for none, undefined while it is being computed (it is asynchronous).
let webCryptoCheck = { id: null, result: undefined };

function checkWithWebCrypto(token, hash, readings) {
  const id = JSON.stringify([token, hash, el.secret.value, el.secretEncoding.value]);
  if (webCryptoCheck.id === id) return webCryptoCheck.result;
  webCryptoCheck = { id, result: undefined };
  const [header, payload, signature] = token.split(".");
  Promise.all(readings.map((r) => hmacMatches(hash, r.value, `${header}.${payload}`, signature).catch(() => false))).then((matches) => {
    if (webCryptoCheck.id !== id) return;
    webCryptoCheck.result = matches.indexOf(true);
    refresh();
  });
  return undefined;
}

function assessSigned(token) {
  return assess(jwt, token, keyInput(), optionFields(), nowSeconds(), (hash, readings) => checkWithWebCrypto(token, hash, readings));
}

// Why wasm-jwt/jwe could not be loaded, if it could not.
let jweLoadError = null;

function whenJweLoaded(then) {
  loadJwe().then(then, (error) => {
    jweLoadError = error;
    refresh();
  });
}

// A five-part token is a JWE: decrypted with the key under Decrypt, and a signed JWT inside
// it verified as any JWS, with the key under Verify signature.
function assessToken(token) {
  if (token.split(".").length !== 5) return assessSigned(token);
  const shown = displayOnly(token);
  const jwe = loadedJwe();
  if (!jwe) {
    const verdict = jweLoadError
      ? { state: "invalid", title: "Cannot decrypt here", message: sentence(`The page could not load wasm-jwt/jwe: ${jweLoadError.message}`) }
      : { state: "unchecked", title: "Encrypted token (JWE)", message: "Loading wasm-jwt/jwe to decrypt it…" };
    if (!jweLoadError) whenJweLoaded(refresh);
    return { display: shown, verdict: { ...verdict, lines: [] } };
  }
  return jwe.assessJwe(jwe.build, token, shown, el.decryptKey.value, el.decryptKeyEncoding.value, optionFields(), nowSeconds(), assessSigned);
}

// ---------------------------------------------------------------- rendering

function actionButton(fix) {
  return h("button", { type: "button", class: "fix", "data-action": fix.id, "data-value": fix.value }, fix.label);
}

function checkLine(check) {
  return h("li", { class: `check ${check.state}`, "data-check": check.id, "data-state": check.state },
    h("span", { class: "check-text" }, check.text), check.fixes?.length > 0 && h("span", { class: "check-fixes" }, ...check.fixes.map(actionButton)));
}

function renderStatus(node, verdict, fixes = []) {
  node.className = `status ${verdict.state}`;
  node.dataset.verdict = verdict.code ?? verdict.state;
  replaceChildrenIfChanged(node, [
    h("strong", { class: "status-title" }, verdict.title),
    verdict.code && h("code", { class: "status-code" }, verdict.code),
    verdict.message && h("span", { class: "status-message" }, verdict.message),
    fixes.length > 0 && h("span", { class: "status-fixes" }, ...fixes.map(actionButton)),
    verdict.lines?.length > 0 && h("ul", { class: "checks", "aria-label": "Checks" }, ...verdict.lines.map(checkLine)),
    ...(verdict.notes ?? []).map((note) => h("p", { class: "status-note" }, note)),
  ]);
}

function renderWarnings(node, warnings) {
  replaceChildrenIfChanged(node, warnings.map((w) => h("li", { class: "warning", "data-warning": w.id }, h("strong", {}, w.title), " ", w.text, w.fix && " ", w.fix && actionButton(w.fix))));
}

// For a JWE, also the header of a signed JWT inside, whose alg the secret is for.
function warningsFor(display, secret) {
  if (!display?.header) return [];
  const signedHeader = display.inner?.header ?? display.header;
  const alg = signedHeader.alg;
  const forSecret = secret && typeof alg === "string" ? secretWarnings(alg, secret.bytes, secret.text, EXAMPLE_SECRET) : [];
  // A decrypted JWE's cty "JWT" needs no warning: the page shows and checks the JWT inside.
  const outer = headerWarnings(display.header).filter((w) => !(display.inner && w.id === "cty"));
  const inner = display.inner?.header ? headerWarnings(display.inner.header) : [];
  return [...outer, ...inner, ...payloadWarnings(display.payload ?? {}), ...forSecret];
}

function renderJsonPane(node, value, note, empty) {
  node.dataset.partial = String(Boolean(note));
  const children = value ? colouredJson(value) : [];
  if (note) children.push(h("span", { class: "pane-note" }, `${value ? "\n" : ""}${note}`));
  replaceChildrenIfChanged(node, children.length ? children : [h("span", { class: "placeholder" }, empty)]);
}

// Decrypted content that is not JSON claims: the text, or the bytes as base64url.
function renderPlaintext(node, plaintext) {
  node.dataset.partial = "false";
  const note = plaintext.kind === "text" ? "Decrypted text (not JSON):" : "Decrypted bytes (not UTF-8 text), as base64url:";
  replaceChildrenIfChanged(node, [h("span", { class: "pane-note" }, `${note}\n`), h("span", { class: "plaintext" }, plaintext.text ?? plaintext.base64url)]);
}

function renderDecoded(result) {
  const display = result.display;
  const jwe = display?.kind === "jwe";
  const partial = display && !result.decoded && !jwe;
  const partNote = (part) => display?.notes?.[part] ?? (partial && display[part] ? "Read by the page from a token wasm-jwt refuses (see the verdict): for display only." : undefined);
  setText($("#header-title"), jwe ? "Protected header" : "Header");
  setText($("#payload-title"), jwe ? "Payload (decrypted)" : "Payload");
  renderJsonPane(el.header, display?.header, partNote("header"), "The header appears here.");
  if (display?.plaintext) renderPlaintext(el.payload, display.plaintext);
  else renderJsonPane(el.payload, display?.payload, partNote("payload"), "The payload appears here.");
  const inner = display?.inner;
  $("#inner-card").hidden = !inner;
  if (inner) {
    replaceChildrenIfChanged(el.innerToken, colouredToken(inner.token, inner.fault));
    renderJsonPane(el.innerHeader, inner.header, undefined, "The signed JWT's header appears here.");
  }
  // A JWE's own header names its encryption, which the claims table's words do not
  // describe: the table explains the claims, and the header of a signed JWT inside.
  const readable = jwe ? display.payload : display?.header || display?.payload;
  const claims = readable && claimsTable((jwe ? inner?.header : display.header) ?? {}, display.payload ?? {}, nowSeconds(), optionFields().leeway);
  replaceChildrenIfChanged(el.claims, claims ? [claims] : [h("span", { class: "placeholder" }, "Header parameters and claims, explained, appear here.")]);
}

function renderEncoderOutput(token, result) {
  const problem = encoder.problem;
  el.encodeToken.classList.toggle("stale", Boolean(problem));
  replaceChildrenIfChanged(el.encodeToken, token ? colouredToken(token, result.fault) : [h("span", { class: "placeholder" }, "The signed token appears here.")]);
  renderStatus(el.encodeStatus, problem ?? result.verdict);
  const secret = encodeSecret();
  renderWarnings(el.encodeWarnings, warningsFor(result.display, secret && { ...secret, generate: true }));
}

// Under the token editor, a JWE's five parts named in their colours, with their sizes.
function renderTokenParts(token) {
  const segments = token.split(".");
  el.tokenParts.hidden = segments.length !== 5;
  if (segments.length !== 5) return;
  const size = (segment) => (segment === "" ? "empty" : `${lenientBase64Bytes(segment)?.length ?? "?"} bytes`);
  replaceChildrenIfChanged(el.tokenParts, JWE_PARTS.map((part, i) =>
    h("li", { "data-part": part.class.slice(4) }, h("span", { class: `swatch ${part.class}` }), h("span", { class: part.class }, part.name), h("span", { class: "part-size" }, `(${size(segments[i])})`))));
}

let howRendered = "";

function renderHow(token, result) {
  if ($("#panel-how").hidden) return;
  const secret = keyKind() === "secret" ? result.secret : null;
  const context = result.decoded && {
    alg: result.decoded.header.alg,
    algorithm: algorithmNamed(result.decoded.header.alg),
    secret,
    verdict: result.verdict,
  };
  // Rebuild only when something shown changed: the panel recomputes an HMAC.
  const shown = JSON.stringify([token, el.secret.value, secret?.encoding, keyKind(), result.verdict.title]);
  if (shown === howRendered) return;
  howRendered = shown;
  el.how.replaceChildren(...howItWorks(token, context));
}

// The Decrypt card for a JWE; the Verify card then checks the signed JWT inside it.
function showDecryptFields(token) {
  const jwe = token.split(".").length === 5;
  $("#decrypt-card").hidden = !jwe;
  setText($("#verify-title"), jwe ? "Verify signature (of the JWT inside)" : "Verify signature");
}

// The key kind follows the alg of a signed JWT inside a JWE, once, when it is first decrypted.
let followedInner = null;

function refresh() {
  const token = el.token.value;
  let result = assessToken(token);
  const inner = result.display?.inner?.token;
  if (inner && inner !== followedInner) {
    followedInner = inner;
    if (followAlg(inner)) result = assessToken(token);
  }
  showDecryptFields(token);
  renderTokenParts(token);
  replaceChildrenIfChanged(el.tokenColours, colouredToken(token, result.fault));
  renderStatus(el.status, result.verdict, result.decoded ? [] : fixesFor(token));
  renderWarnings(el.warnings, warningsFor(result.display, keyKind() === "secret" ? result.secret : null));
  renderDecoded(result);
  renderEncoderOutput(token, result);
  renderHow(token, result);
  if (!$("#share-box").hidden) $("#share-link").value = shareLink();
}

// ---------------------------------------------------------------- encode

function encodeAlgorithm() {
  return algorithmNamed(el.encodeAlg.value);
}

function showSigningKeyFields() {
  const algorithm = encodeAlgorithm();
  const hmac = algorithm.family === "hmac";
  $("#encode-secret-fields").hidden = !hmac;
  $("#encode-keypair-fields").hidden = hmac;
  setText($("#encode-alg-summary"), algorithm.summary);
}

function encodeSecret() {
  if (encodeAlgorithm().family !== "hmac" || el.encodeSecret.value === "") return null;
  try {
    return secretFrom(el.encodeSecret.value, el.encodeSecretEncoding.value);
  } catch {
    return null;
  }
}

// { key, release, verifyWith } for signing, or { missing } / { error, code }.
function signingKey() {
  if (encodeAlgorithm().family === "hmac") {
    if (el.encodeSecret.value === "") return { missing: "Enter a secret, or press Generate random secret." };
    try {
      return { key: secretFrom(el.encodeSecret.value, el.encodeSecretEncoding.value).value, release() {}, verifyWith: { kind: "secret" } };
    } catch (error) {
      return { error: `The secret cannot be read as ${encodingName(el.encodeSecretEncoding.value)}: ${error.message}`, code: "invalid_key" };
    }
  }
  const text = el.privateKey.value;
  if (text.trim() === "") return { missing: CAN_GENERATE ? "Paste a private key, or press Generate key pair." : "Paste a private key." };
  let key;
  try {
    key = keyFromText(jwt, text);
    if (!(key instanceof jwt.Key)) throw new Error("Give one private key, not a key set.");
    return { key, release: () => key.free(), verifyWith: { kind: "public", text: publicKeyText(key, text) } };
  } catch (error) {
    key?.free();
    return { error: error.message, code: error.code ?? "invalid_key" };
  }
}

function showJsonError(node, what, error) {
  setText(node, error ? sentence(`${what} JSON, line ${error.line}, column ${error.column}: ${error.message}`) : "");
  return error;
}

function problem(title, message, code) {
  return { state: "invalid", title, message, code };
}

// Signs the editors' header and payload and puts the token into the decoder, with the
// matching verification key, so both views show the same token and verdict.
function encode() {
  const header = parseJsonObject(el.encodeHeader.value);
  const payload = parseJsonObject(el.encodePayload.value);
  const headerError = showJsonError($("#encode-header-error"), "Header", header.error);
  const payloadError = showJsonError($("#encode-payload-error"), "Payload", payload.error);
  encoder.problem = null;
  if (headerError || payloadError) {
    const [what, error] = headerError ? ["header", headerError] : ["payload", payloadError];
    encoder.problem = problem("JSON error", sentence(`Fix the ${what} JSON at line ${error.line}, column ${error.column}: ${error.message}`));
    return refresh();
  }
  const { alg, ...extraHeader } = header.value;
  if (typeof alg === "string" && alg.toLowerCase() === "none") {
    encoder.problem = problem("alg \"none\" is refused by design", `The header says alg ${quoted(alg)}: a token without a signature, which anyone could write. wasm-jwt never signs or accepts one; choose an algorithm above, and the header follows it.`, "unsupported_alg");
    return refresh();
  }
  if (typeof alg === "string" && alg !== el.encodeAlg.value && algorithmNamed(alg) && SUPPORTED.some((a) => a.name === alg)) {
    el.encodeAlg.value = alg;
    showSigningKeyFields();
  }
  const encrypting = el.encodeEncrypt.checked;
  const jwe = encrypting && loadedJwe();
  if (encrypting && !jwe) {
    encoder.problem = jweLoadError ? problem("Cannot encrypt here", sentence(`The page could not load wasm-jwt/jwe: ${jweLoadError.message}`)) : { state: "unchecked", title: "Loading wasm-jwt/jwe to encrypt…" };
    if (!jweLoadError) whenJweLoaded(encode);
    return refresh();
  }
  const signs = !encrypting || el.encodeJweNested.checked;
  let token = payload.value;
  let verifyWith;
  if (signs) {
    const key = signingKey();
    if (!key.key) {
      encoder.problem = key.missing ? problem("No signing key", key.missing) : problem(TITLES[key.code] ?? "Key not usable", sentence(key.error), key.code);
      return refresh();
    }
    try {
      token = jwt.sign(payload.value, key.key, { alg: alg ?? el.encodeAlg.value, header: extraHeader, issuedAt: false });
    } catch (error) {
      if (!(error instanceof jwt.JwtError)) throw error;
      encoder.problem = problem(TITLES[error.code] ?? "Cannot sign", sentence(error.message), error.code);
      return refresh();
    } finally {
      key.release();
    }
    verifyWith = key.verifyWith;
  }
  if (encrypting) {
    const encrypted = jwe.encryptFor(jwe.build, token, { nested: signs, alg: el.encodeJweAlg.value, enc: el.encodeJweEnc.value, keyText: el.encodeJweKey.value, encoding: el.encodeJweKeyEncoding.value });
    if (!encrypted.token) {
      const { missing, error } = encrypted;
      encoder.problem = missing ? problem("No encryption key", missing) : problem(TITLES[error.code] ?? "Cannot encrypt", sentence(error.message), error.code);
      return refresh();
    }
    token = encrypted.token;
    el.decryptKey.value = el.encodeJweKey.value;
    el.decryptKeyEncoding.value = el.encodeJweKeyEncoding.value;
  }
  el.token.value = token;
  encoder.lastToken = el.token.value;
  if (example) example.token = el.token.value;
  if (verifyWith) useVerificationKeyFor(verifyWith);
  refresh();
}

// The Encryption card, when the Encode tab is asked for a JWE (which loads wasm-jwt/jwe).
function showEncryptionFields() {
  const encrypting = el.encodeEncrypt.checked;
  $("#encode-jwe-card").hidden = !encrypting;
  const management = KEY_MANAGEMENT.find((m) => m.name === el.encodeJweAlg.value);
  setText($("#encode-jwe-key-kind"), management.pair ? `a ${management.pair === "ES256" ? "P-256 EC" : "RSA"} key as JWK or PEM` : "a shared secret");
  setText($("#encode-token-title"), encrypting ? "Encrypted token" : "Token");
}

function generateJweKey() {
  const jwe = loadedJwe();
  if (!jwe) return whenJweLoaded(generateJweKey);
  const { text, encoding } = jwe.newKeyText(jwe.build, el.encodeJweAlg.value, el.encodeJweEnc.value);
  el.encodeJweKey.value = text;
  el.encodeJweKeyEncoding.value = encoding;
  encode();
}

function useVerificationKeyFor(verifyWith) {
  setKeyKind(verifyWith.kind);
  if (verifyWith.kind === "secret") {
    el.secret.value = el.encodeSecret.value;
    el.secretEncoding.value = el.encodeSecretEncoding.value;
  } else {
    el.publicKey.value = verifyWith.text;
    el.encodePublicKey.value = verifyWith.text;
  }
}

function editPayloadMember(name, value) {
  const payload = parseJsonObject(el.encodePayload.value);
  if (payload.error) return encode(); // shows where the JSON is broken
  el.encodePayload.value = JSON.stringify({ ...payload.value, [name]: value }, null, 2);
  encode();
}

function setHeaderAlg() {
  const header = parseJsonObject(el.encodeHeader.value);
  if (!header.error) el.encodeHeader.value = JSON.stringify({ ...header.value, alg: el.encodeAlg.value }, null, 2);
  showSigningKeyFields();
  encode();
}

function generateSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(encodeAlgorithm().secretBytes));
  el.encodeSecretEncoding.value = "base64url";
  el.encodeSecret.value = bytesToBase64url(bytes);
  encode();
}

function generateKeyPair() {
  const key = jwt.Key.generate(el.encodeAlg.value);
  try {
    el.privateKey.value = privateKeyText(key);
  } finally {
    key.free();
  }
  encode();
}

// Shows the decoder's token in the encoder's editors (when the token changed there).
function loadEncoderFromToken() {
  const token = el.token.value;
  if (token === encoder.lastToken) return;
  encoder.lastToken = token;
  encoder.problem = null;
  let decoded;
  try {
    decoded = jwt.decode(token);
  } catch {
    return;
  }
  el.encodeHeader.value = JSON.stringify(decoded.header, null, 2);
  el.encodePayload.value = JSON.stringify(decoded.payload, null, 2);
  if (SUPPORTED.some((a) => a.name === decoded.header.alg)) el.encodeAlg.value = decoded.header.alg;
  showSigningKeyFields();
  if (encodeAlgorithm().family === "hmac" && keyKind() === "secret" && el.secret.value !== "") {
    el.encodeSecret.value = el.secret.value;
    el.encodeSecretEncoding.value = el.secretEncoding.value;
  }
}

// ---------------------------------------------------------------- examples

function examplePayload(alg) {
  const now = nowSeconds();
  return {
    sub: "user-1234",
    name: "Ada Lovelace",
    iat: now,
    exp: now + ACCESS_TOKEN_SECONDS,
    iss: "https://auth.example.com",
    aud: "https://api.example.com",
    jti: `example-${alg.toLowerCase()}`,
    role: "admin",
  };
}

// Fills every panel with a fresh example token for `alg`, signed by wasm-jwt.
function loadExample(alg) {
  const algorithm = algorithmNamed(alg);
  const payload = examplePayload(alg);
  el.encodeAlg.value = alg;
  showSigningKeyFields();
  let verifyWith;
  if (algorithm.family === "hmac") {
    el.encodeSecret.value = EXAMPLE_SECRET;
    el.encodeSecretEncoding.value = "utf8";
    el.token.value = jwt.sign(payload, EXAMPLE_SECRET, { alg, issuedAt: false });
    verifyWith = { kind: "secret" };
  } else {
    const privateText = JSON.stringify(EXAMPLE_PRIVATE_JWKS[algorithm.exampleKey], null, 2);
    const key = jwt.Key.fromJwk(privateText);
    try {
      el.privateKey.value = privateText;
      el.token.value = jwt.sign(payload, key, { alg, issuedAt: false });
      verifyWith = { kind: "public", text: publicKeyText(key, privateText) };
    } finally {
      key.free();
    }
  }
  resetOptions();
  el.issuer.value = payload.iss;
  el.audience.value = payload.aud;
  useVerificationKeyFor(verifyWith);
  el.encodeHeader.value = JSON.stringify(jwt.decode(el.token.value).header, null, 2);
  el.encodePayload.value = JSON.stringify(payload, null, 2);
  encoder.lastToken = el.token.value;
  encoder.problem = null;
  el.example.value = alg;
  example = exampleFields();
  refresh();
}

// ---------------------------------------------------------------- state that follows the token

const EXAMPLE_FIELDS = ["secret", "secretEncoding", "publicKey", "issuer", "audience", "leeway", "encodeSecret", "privateKey", "encodePublicKey"];

function exampleFields() {
  return { token: el.token.value, values: Object.fromEntries(EXAMPLE_FIELDS.map((name) => [name, el[name].value])) };
}

function resetOptions() {
  el.issuer.value = "";
  el.audience.value = "";
  el.leeway.value = "0";
  el.required.value = "";
  el.maxLength.value = String(DEFAULT_MAX_TOKEN_LENGTH);
}

// True when `token` is an edit of the example (a changed character, to see the signature
// fail) rather than another token: most of it still reads as the example.
function editsExample(token) {
  const original = example.token;
  let prefix = 0;
  while (prefix < token.length && token[prefix] === original[prefix]) prefix++;
  let suffix = 0;
  while (suffix < token.length - prefix && token[token.length - 1 - suffix] === original[original.length - 1 - suffix]) suffix++;
  return (prefix + suffix) * 2 > Math.max(token.length, original.length);
}

// Clears what the example put in the fields (unless the user changed it since).
function forgetExample() {
  for (const name of EXAMPLE_FIELDS) {
    if (el[name].value !== example.values[name]) continue;
    el[name].value = name === "leeway" ? "0" : name === "secretEncoding" ? "detect" : "";
  }
  example = null;
  el.example.value = "";
}

// The key kind the token's alg needs, unless the user already gave a key of that kind
// (a secret as an oct JWK counts).
function followAlg(token) {
  const alg = partialDecode(token).header.value?.alg;
  const algorithm = typeof alg === "string" && algorithmNamed(alg);
  if (!algorithm) return false;
  const wanted = algorithm.family === "hmac" ? "secret" : "public";
  if (keyKind() === wanted) return false;
  if (wanted === "secret" && /"kty"\s*:\s*"oct"/.test(el.publicKey.value)) return false;
  setKeyKind(wanted);
  return true;
}

function onTokenEdited() {
  encoder.problem = null;
  const token = el.token.value;
  if (example && token !== example.token && !editsExample(token)) forgetExample();
  if (!example) el.example.value = "";
  followAlg(token);
  refresh();
}

function clearAll() {
  el.token.value = "";
  for (const name of ["secret", "publicKey", "decryptKey"]) el[name].value = "";
  el.secretEncoding.value = "detect";
  resetOptions();
  example = null;
  el.example.value = "";
  $("#share-box").hidden = true;
  refresh();
  el.token.focus();
}

// Algorithms whose example the page can sign: every HMAC one, and asymmetric ones
// whose example key the package reads.
function exampleAlgorithms() {
  return SUPPORTED.filter((algorithm) => {
    if (algorithm.family === "hmac") return true;
    try {
      jwt.Key.fromJwk(EXAMPLE_PRIVATE_JWKS[algorithm.exampleKey]).free();
      return true;
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------- share link

function shareLink() {
  const params = new URLSearchParams({ token: el.token.value });
  if (el.issuer.value.trim()) params.set("iss", el.issuer.value.trim());
  if (el.audience.value.trim()) params.set("aud", el.audience.value.trim());
  if (el.leeway.value !== "" && el.leeway.value !== "0") params.set("leeway", el.leeway.value);
  const publicKey = el.publicKey.value.trim();
  if (keyKind() === "public" && publicKey && !holdsPrivateKey(publicKey)) params.set("key", publicKey);
  return `${location.origin}${location.pathname}#${params}`;
}

// Restores the state a share link carries. Secrets are never in links, so the secret is cleared.
function applyFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!params.has("token")) return false;
  el.token.value = params.get("token");
  resetOptions();
  example = null;
  el.issuer.value = params.get("iss") ?? "";
  el.audience.value = params.get("aud") ?? "";
  el.leeway.value = params.get("leeway") ?? "0";
  el.secret.value = "";
  el.decryptKey.value = "";
  el.publicKey.value = params.get("key") ?? "";
  setKeyKind(params.has("key") ? "public" : "secret");
  followAlg(el.token.value);
  el.example.value = "";
  selectTab("decode");
  refresh();
  return true;
}

// ---------------------------------------------------------------- tabs, theme, wiring

const TABS = ["decode", "encode", "how"];

function selectTab(name) {
  if (name === "encode") loadEncoderFromToken();
  for (const tab of TABS) {
    const selected = tab === name;
    const button = $(`#tab-${tab}`);
    button.setAttribute("aria-selected", String(selected));
    button.tabIndex = selected ? 0 : -1;
    $(`#panel-${tab}`).hidden = !selected;
  }
  howRendered = "";
  refresh();
}

function onTabKey(event) {
  const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -Infinity, End: Infinity };
  if (!(event.key in moves)) return;
  event.preventDefault();
  const current = TABS.indexOf(event.currentTarget.id.slice(4));
  const move = moves[event.key];
  const next = Number.isFinite(move) ? (current + move + TABS.length) % TABS.length : move < 0 ? 0 : TABS.length - 1;
  selectTab(TABS[next]);
  $(`#tab-${TABS[next]}`).focus();
}

function effectiveTheme() {
  return document.documentElement.dataset.theme ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

function showThemeToggle() {
  const dark = effectiveTheme() === "dark";
  const button = $("#theme-toggle");
  button.setAttribute("aria-pressed", String(dark));
  button.textContent = dark ? "Light theme" : "Dark theme";
}

function toggleTheme() {
  const theme = effectiveTheme() === "dark" ? "light" : "dark";
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem("wasm-jwt-theme", theme);
  } catch {
    // Not stored; the choice lasts for this visit.
  }
  showThemeToggle();
}

function toggleShown(input, button) {
  const show = input.type === "password";
  input.type = show ? "text" : "password";
  button.setAttribute("aria-pressed", String(show));
  button.textContent = show ? "Hide" : "Show";
}

function focusOption(input) {
  selectTab("decode");
  $("#verify-card details").open = true;
  input.focus();
}

// The one-click fixes the verdict and the warnings offer.
const ACTIONS = {
  "focus-audience": () => focusOption(el.audience),
  "use-audience": (value) => (el.audience.value = value),
  "clear-audience": () => (el.audience.value = ""),
  "use-issuer": (value) => (el.issuer.value = value),
  "clear-issuer": () => (el.issuer.value = ""),
  unrequire: (value) => (el.required.value = commaList(el.required.value).filter((name) => name !== value).join(", ")),
  "raise-limit": (value) => (el.maxLength.value = value),
  "switch-key": (value) => setKeyKind(value),
  "focus-key": () => (selectTab("decode"), (keyKind() === "secret" ? el.secret : el.publicKey).focus()),
  "focus-decrypt-key": () => (selectTab("decode"), el.decryptKey.focus()),
  "generate-secret": () => (selectTab("encode"), generateSecret()),
  "strip-bearer": (_, id) => (el.token.value = applyFix(el.token.value, id)),
  "strip-whitespace": (_, id) => (el.token.value = applyFix(el.token.value, id)),
  "strip-padding": (_, id) => (el.token.value = applyFix(el.token.value, id)),
};

function onStatusAction(event) {
  const button = event.target.closest("[data-action]");
  const action = ACTIONS[button?.dataset.action];
  if (!action) return;
  action(button.dataset.value, button.dataset.action);
  refresh();
}

function fillSelects(examples) {
  el.encodeAlg.replaceChildren(...SUPPORTED.map((a) => h("option", { value: a.name }, a.name)));
  el.encodeJweAlg.replaceChildren(...KEY_MANAGEMENT.map((a) => h("option", { value: a.name }, a.name)));
  el.encodeJweEnc.replaceChildren(...CONTENT_ENCRYPTION.map((e) => h("option", { value: e.name }, e.name)));
  el.encodeJweEnc.value = "A256GCM";
  el.example.replaceChildren(h("option", { value: "" }, "Choose…"), ...examples.map((a) => h("option", { value: a.name }, `${a.name} token`)));
  const buildInfo = $("#build-info");
  setText(buildInfo, `wasm-jwt · ${SUPPORTED.length} algorithms`);
  buildInfo.title = `Supported by this build: ${SUPPORTED.map((a) => a.name).join(", ")}`;
  const asymmetric = SUPPORTED.some((a) => a.family !== "hmac");
  setText($("#public-key-formats"), `${asymmetric ? "Public key" : "Key"}: ${READS_PEM ? "PEM, JWK or JWKS" : "JWK or JWKS"}`);
  setText($("#private-key-formats"), READS_PEM ? "PEM or JWK" : "JWK");
  $("#generate-keypair").hidden = !CAN_GENERATE;
}

function wire() {
  const live = (node, handler) => node.addEventListener("input", handler);
  live(el.token, onTokenEdited);
  for (const node of [el.secret, el.secretEncoding, el.publicKey, el.issuer, el.audience, el.leeway, el.required, el.maxLength, el.decryptKey, el.decryptKeyEncoding]) live(node, refresh);
  for (const radio of $$('input[name="key-kind"]')) radio.addEventListener("change", () => (setKeyKind(radio.value), refresh()));
  for (const node of [el.encodeHeader, el.encodePayload, el.encodeSecret, el.encodeSecretEncoding, el.privateKey, el.encodeJweKey, el.encodeJweKeyEncoding]) live(node, encode);
  for (const node of [el.encodeEncrypt, el.encodeJweAlg, el.encodeJweEnc, el.encodeJweNested]) node.addEventListener("change", () => (showEncryptionFields(), encode()));
  $("#generate-jwe-key").addEventListener("click", generateJweKey);
  el.encodeAlg.addEventListener("change", setHeaderAlg);
  el.example.addEventListener("change", () => el.example.value && loadExample(el.example.value));
  $("#set-iat").addEventListener("click", () => editPayloadMember("iat", nowSeconds()));
  $("#set-exp-access").addEventListener("click", () => editPayloadMember("exp", nowSeconds() + ACCESS_TOKEN_SECONDS));
  $("#set-exp-refresh").addEventListener("click", () => editPayloadMember("exp", nowSeconds() + REFRESH_TOKEN_SECONDS));
  $("#generate-secret").addEventListener("click", generateSecret);
  $("#generate-keypair").addEventListener("click", generateKeyPair);
  $("#open-in-decoder").addEventListener("click", () => selectTab("decode"));
  $("#clear-token").addEventListener("click", clearAll);
  $("#share-button").addEventListener("click", () => {
    $("#share-box").hidden = false;
    $("#share-link").value = shareLink();
    $("#share-link").select();
  });
  const copy = (id, text) => $(id).addEventListener("click", (event) => copyText(text(), event.currentTarget));
  copy("#copy-token", () => el.token.value);
  copy("#copy-encoded", () => el.token.value);
  copy("#copy-share", () => $("#share-link").value);
  // The JSON only, without the note a leniently read part carries.
  const jsonText = (pane) => [...pane.childNodes].filter((n) => !n.classList?.contains("pane-note")).map((n) => n.textContent).join("").trim();
  copy("#copy-header", () => jsonText(el.header));
  copy("#copy-payload", () => jsonText(el.payload));
  copy("#copy-public-key", () => el.encodePublicKey.value);
  $("#verify-secret-show").addEventListener("click", (e) => toggleShown(el.secret, e.currentTarget));
  $("#encode-secret-show").addEventListener("click", (e) => toggleShown(el.encodeSecret, e.currentTarget));
  for (const node of [el.status, el.encodeStatus, el.warnings, el.encodeWarnings]) node.addEventListener("click", onStatusAction);
  for (const tab of TABS) {
    $(`#tab-${tab}`).addEventListener("click", () => selectTab(tab));
    $(`#tab-${tab}`).addEventListener("keydown", onTabKey);
  }
  $("#theme-toggle").addEventListener("click", toggleTheme);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", showThemeToggle);
  addEventListener("hashchange", applyFragment);
  // Relative times ("expires in 30 minutes") and the verdict follow the clock.
  setInterval(() => document.visibilityState === "visible" && refresh(), 1000);
}

function start() {
  const examples = exampleAlgorithms();
  fillSelects(examples);
  showEncryptionFields();
  showThemeToggle();
  wire();
  if (!applyFragment()) loadExample(examples[0].name);
  document.documentElement.dataset.ready = "true";
}

start();
