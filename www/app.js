// The debugger page. Every decode, verify and sign goes through the wasm-jwt package
// (imported through the import map that www/serve.mjs derives from pkg/package.json).

import * as jwt from "wasm-jwt";
import { algorithmNamed, supportedAlgorithms } from "./algorithms.js";
import { claimsTable } from "./claims.js";
import { $, $$, copyText, h, replaceChildrenIfChanged, setText } from "./dom.js";
import { EXAMPLE_PRIVATE_JWKS } from "./example-keys.js";
import { howItWorks } from "./how.js";
import { parseJsonObject } from "./json-check.js";
import { EXAMPLE_SECRET, holdsPrivateKey, keyFromText, privateKeyText, publicKeyText, secretFrom } from "./keys.js";
import { byteOffsetToIndex, bytesToBase64url, colouredJson, colouredToken } from "./token-view.js";
import { headerWarnings, secretWarnings } from "./warnings.js";

const SUPPORTED = supportedAlgorithms(jwt);
const CAN_GENERATE = typeof jwt.Key.generate === "function";
const READS_PEM = typeof jwt.Key.fromPem === "function";
const ACCESS_TOKEN_SECONDS = 30 * 60;
const REFRESH_TOKEN_SECONDS = 14 * 86400;

const TITLES = {
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
};

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
};

// What the encoder last wrote into the token editor, and why it could not sign, if so.
const encoder = { lastToken: null, problem: null };

const nowSeconds = () => Math.floor(Date.now() / 1000);
const commaList = (text) => text.split(",").map((s) => s.trim()).filter(Boolean);
const oneOrMany = (list) => (list.length === 1 ? list[0] : list);

// ---------------------------------------------------------------- verify

function keyKind() {
  return $("#key-kind-public").checked ? "public" : "secret";
}

function setKeyKind(kind) {
  $(`#key-kind-${kind}`).checked = true;
  $("#verify-secret-fields").hidden = kind !== "secret";
  $("#verify-public-fields").hidden = kind !== "public";
}

function verifyOptions() {
  const options = {};
  const issuers = commaList(el.issuer.value);
  const audiences = commaList(el.audience.value);
  if (issuers.length) options.issuer = oneOrMany(issuers);
  if (audiences.length) options.audience = oneOrMany(audiences);
  if (el.leeway.value !== "") options.leeway = Number(el.leeway.value);
  return options;
}

// The secret typed under Verify, or null when none is given or it is unreadable.
function verifySecret() {
  if (keyKind() !== "secret" || el.secret.value === "") return null;
  try {
    return secretFrom(el.secret.value, el.secretEncoding.value);
  } catch {
    return null;
  }
}

// { key, release } to verify with, or { missing } / { error, code } explaining why not.
function verificationKey() {
  if (keyKind() === "secret") {
    if (el.secret.value === "") return { missing: "Enter the secret under Verify signature to check the signature." };
    try {
      return { key: secretFrom(el.secret.value, el.secretEncoding.value).value, release() {} };
    } catch (error) {
      return { error: `The secret is not valid base64url: ${error.message}.`, code: "invalid_key" };
    }
  }
  if (el.publicKey.value.trim() === "") return { missing: "Paste the public key or key set under Verify signature to check the signature." };
  try {
    const key = keyFromText(jwt, el.publicKey.value);
    return { key, release: () => key.free() };
  } catch (error) {
    return { error: error.message, code: error.code ?? "invalid_key" };
  }
}

function partDescription(fault) {
  const where = fault.part === "token" ? "the token" : `the ${fault.part}`;
  return `in ${where}, at character ${fault.index + 1}`;
}

function faultOf(token, error) {
  if (error.offset === undefined) return undefined;
  return { part: error.part ?? "token", index: byteOffsetToIndex(token, error.offset) };
}

function undecodable(token, error) {
  if (!(error instanceof jwt.JwtError)) throw error;
  const fault = faultOf(token, error);
  const whitespace = /\s/.test(token);
  return {
    fault,
    verdict: {
      state: "invalid",
      code: error.code,
      title: TITLES[error.code] ?? "Not a token",
      message: fault ? `${error.message} (${partDescription(fault)})` : error.message,
      action: whitespace ? { id: "strip-whitespace", label: "Remove the whitespace" } : undefined,
    },
  };
}

function validVerdict(decoded) {
  const { exp } = decoded.payload;
  const lifetime = typeof exp === "number" ? "and it has not expired" : "and it has no expiry (exp)";
  return {
    state: "valid",
    title: "Signature verified",
    message: `The ${decoded.header.alg} signature matches the ${keyKind() === "secret" ? "secret" : "key"}, the claims pass the options, ${lifetime}.`,
  };
}

function failedVerdict(error, decoded) {
  const verdict = { state: "invalid", code: error.code, title: TITLES[error.code] ?? error.code, message: error.message };
  if (error.code === "audience" && !verifyOptions().audience) {
    const aud = [decoded.payload.aud].flat().map((a) => JSON.stringify(a)).join(", ");
    verdict.message = `This token is addressed to ${aud} (its aud claim). A verifier must check that it is one of the recipients (RFC 7519 §4.1.3), so wasm-jwt refuses a token with aud when no audience is configured. Enter your audience in the Audience option.`;
    verdict.action = { id: "focus-audience", label: "Go to the Audience option" };
  } else if (error.code === "bad_signature") {
    verdict.message = `${error.message} The token was signed with another key, or changed after signing.`;
  }
  return verdict;
}

// Decodes and, when a key is given, verifies the token: everything the views show.
function assess(token) {
  if (token === "") return { verdict: { state: "unchecked", title: "No token", message: "Paste a token above or choose an example." } };
  let decoded;
  try {
    decoded = jwt.decode(token);
  } catch (error) {
    return undecodable(token, error);
  }
  const key = verificationKey();
  if (key.missing) return { decoded, verdict: { state: "unchecked", title: "Decoded; signature not checked", message: key.missing } };
  if (key.error) return { decoded, verdict: { state: "invalid", code: key.code, title: TITLES[key.code] ?? "Key not usable", message: key.error } };
  try {
    jwt.verify(token, key.key, verifyOptions());
    return { decoded, verdict: validVerdict(decoded) };
  } catch (error) {
    if (!(error instanceof jwt.JwtError)) throw error;
    return { decoded, verdict: failedVerdict(error, decoded), fault: error.code === "malformed" ? faultOf(token, error) : undefined };
  } finally {
    key.release();
  }
}

// ---------------------------------------------------------------- rendering

function renderStatus(node, verdict) {
  node.className = `status ${verdict.state}`;
  node.dataset.verdict = verdict.code ?? verdict.state;
  replaceChildrenIfChanged(node, [
    h("strong", { class: "status-title" }, verdict.title),
    verdict.code && h("code", { class: "status-code" }, verdict.code),
    verdict.message && h("span", { class: "status-message" }, verdict.message),
    verdict.action && h("button", { type: "button", class: "link", "data-action": verdict.action.id }, verdict.action.label),
  ]);
}

function renderWarnings(node, warnings) {
  replaceChildrenIfChanged(node, warnings.map((w) => h("li", { class: "warning", "data-warning": w.id }, h("strong", {}, w.title), " ", w.text)));
}

function warningsFor(decoded, secret) {
  if (!decoded) return [];
  const forSecret = secret && typeof decoded.header.alg === "string" ? secretWarnings(decoded.header.alg, secret.bytes, secret.text, EXAMPLE_SECRET) : [];
  return [...headerWarnings(decoded.header), ...forSecret];
}

function renderDecoded(result) {
  const placeholder = (text) => [h("span", { class: "placeholder" }, text)];
  const { decoded } = result;
  replaceChildrenIfChanged(el.header, decoded ? colouredJson(decoded.header) : placeholder("The header appears here."));
  replaceChildrenIfChanged(el.payload, decoded ? colouredJson(decoded.payload) : placeholder("The payload appears here."));
  replaceChildrenIfChanged(el.claims, decoded ? [claimsTable(decoded.header, decoded.payload, nowSeconds())] : placeholder("Header parameters and claims, explained, appear here."));
}

function renderEncoderOutput(token, result) {
  const problem = encoder.problem;
  el.encodeToken.classList.toggle("stale", Boolean(problem));
  replaceChildrenIfChanged(el.encodeToken, token ? colouredToken(token, result.fault) : [h("span", { class: "placeholder" }, "The signed token appears here.")]);
  renderStatus(el.encodeStatus, problem ?? result.verdict);
  renderWarnings(el.encodeWarnings, warningsFor(result.decoded, encodeSecret()));
}

let howRendered = "";

function renderHow(token, result) {
  if ($("#panel-how").hidden) return;
  const secret = verifySecret();
  const context = result.decoded && {
    alg: result.decoded.header.alg,
    algorithm: algorithmNamed(result.decoded.header.alg),
    secret,
    verdict: result.verdict,
  };
  // Rebuild only when something shown changed: the panel recomputes an HMAC.
  const shown = JSON.stringify([token, el.secret.value, el.secretEncoding.value, keyKind(), result.verdict.title]);
  if (shown === howRendered) return;
  howRendered = shown;
  el.how.replaceChildren(...howItWorks(token, context));
}

function refresh() {
  const token = el.token.value;
  const result = assess(token);
  replaceChildrenIfChanged(el.tokenColours, colouredToken(token, result.fault));
  renderStatus(el.status, result.verdict);
  renderWarnings(el.warnings, warningsFor(result.decoded, verifySecret()));
  renderDecoded(result);
  renderEncoderOutput(token, result);
  renderHow(token, result);
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
      return { error: `The secret is not valid base64url: ${error.message}.`, code: "invalid_key" };
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
  setText(node, error ? `${what}, line ${error.line}, column ${error.column}: ${error.message}` : "");
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
    encoder.problem = problem("JSON error", `Fix the ${what} JSON at line ${error.line}, column ${error.column}: ${error.message}.`);
    return refresh();
  }
  const { alg, ...extraHeader } = header.value;
  if (typeof alg === "string" && alg !== el.encodeAlg.value && algorithmNamed(alg) && SUPPORTED.some((a) => a.name === alg)) {
    el.encodeAlg.value = alg;
    showSigningKeyFields();
  }
  const key = signingKey();
  if (!key.key) {
    encoder.problem = key.missing ? problem("No signing key", key.missing) : problem(TITLES[key.code] ?? "Key not usable", key.error, key.code);
    return refresh();
  }
  try {
    el.token.value = jwt.sign(payload.value, key.key, { alg: alg ?? el.encodeAlg.value, header: extraHeader, issuedAt: false });
  } catch (error) {
    if (!(error instanceof jwt.JwtError)) throw error;
    encoder.problem = problem(TITLES[error.code] ?? "Cannot sign", error.message, error.code);
    return refresh();
  } finally {
    key.release();
  }
  encoder.lastToken = el.token.value;
  useVerificationKeyFor(key.verifyWith);
  refresh();
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
  el.issuer.value = payload.iss;
  el.audience.value = payload.aud;
  el.leeway.value = "0";
  useVerificationKeyFor(verifyWith);
  el.encodeHeader.value = JSON.stringify(jwt.decode(el.token.value).header, null, 2);
  el.encodePayload.value = JSON.stringify(payload, null, 2);
  encoder.lastToken = el.token.value;
  encoder.problem = null;
  el.example.value = alg;
  refresh();
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
  el.issuer.value = params.get("iss") ?? "";
  el.audience.value = params.get("aud") ?? "";
  el.leeway.value = params.get("leeway") ?? "0";
  el.secret.value = "";
  el.publicKey.value = params.get("key") ?? "";
  setKeyKind(params.has("key") ? "public" : "secret");
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

function onStatusAction(event) {
  const action = event.target.closest("[data-action]")?.dataset.action;
  if (action === "focus-audience") {
    selectTab("decode");
    $("#verify-card details").open = true;
    el.audience.focus();
  } else if (action === "strip-whitespace") {
    el.token.value = el.token.value.replace(/\s+/g, "");
    refresh();
  }
}

function fillSelects(examples) {
  el.encodeAlg.replaceChildren(...SUPPORTED.map((a) => h("option", { value: a.name }, a.name)));
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
  live(el.token, () => {
    encoder.problem = null;
    el.example.value = "";
    refresh();
  });
  for (const node of [el.secret, el.secretEncoding, el.publicKey, el.issuer, el.audience, el.leeway]) live(node, refresh);
  for (const radio of $$('input[name="key-kind"]')) radio.addEventListener("change", () => (setKeyKind(radio.value), refresh()));
  for (const node of [el.encodeHeader, el.encodePayload, el.encodeSecret, el.encodeSecretEncoding, el.privateKey]) live(node, encode);
  el.encodeAlg.addEventListener("change", setHeaderAlg);
  el.example.addEventListener("change", () => el.example.value && loadExample(el.example.value));
  $("#set-iat").addEventListener("click", () => editPayloadMember("iat", nowSeconds()));
  $("#set-exp-access").addEventListener("click", () => editPayloadMember("exp", nowSeconds() + ACCESS_TOKEN_SECONDS));
  $("#set-exp-refresh").addEventListener("click", () => editPayloadMember("exp", nowSeconds() + REFRESH_TOKEN_SECONDS));
  $("#generate-secret").addEventListener("click", generateSecret);
  $("#generate-keypair").addEventListener("click", generateKeyPair);
  $("#open-in-decoder").addEventListener("click", () => selectTab("decode"));
  $("#clear-token").addEventListener("click", () => ((el.token.value = ""), (el.example.value = ""), refresh(), el.token.focus()));
  $("#share-button").addEventListener("click", () => {
    $("#share-box").hidden = false;
    $("#share-link").value = shareLink();
    $("#share-link").select();
  });
  const copy = (id, text) => $(id).addEventListener("click", (event) => copyText(text(), event.currentTarget));
  copy("#copy-token", () => el.token.value);
  copy("#copy-encoded", () => el.token.value);
  copy("#copy-share", () => $("#share-link").value);
  copy("#copy-header", () => el.header.textContent);
  copy("#copy-payload", () => el.payload.textContent);
  copy("#copy-public-key", () => el.encodePublicKey.value);
  $("#verify-secret-show").addEventListener("click", (e) => toggleShown(el.secret, e.currentTarget));
  $("#encode-secret-show").addEventListener("click", (e) => toggleShown(el.encodeSecret, e.currentTarget));
  for (const status of [el.status, el.encodeStatus]) status.addEventListener("click", onStatusAction);
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
  showThemeToggle();
  wire();
  if (!applyFragment()) loadExample(examples[0].name);
  document.documentElement.dataset.ready = "true";
}

start();
