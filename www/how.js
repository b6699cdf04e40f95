// The "How it works" panel: where each part of the current token comes from,
// with the live values. For HMAC the page recomputes the signature with Web Crypto,
// independently of wasm-jwt, so a learner can watch the two agree.

import { h } from "./dom.js";
import { hmacBase64url } from "./hmac.js";
import { encodingName } from "./keys.js";
import { JWE_PARTS, segmentText } from "./token-view.js";

function step(number, title, ...body) {
  return h("li", { class: "how-step" }, h("h3", {}, h("span", { class: "step-number" }, String(number)), title), ...body);
}

function flow(from, to, cls) {
  return h("div", { class: "flow" }, h("pre", { class: "json small" }, from), h("span", { class: "arrow", "aria-hidden": "true" }, "→ base64url →"), h("code", { class: `token-piece ${cls}` }, to));
}

function signatureStep(algorithm, segments, context) {
  const signingInput = `${segments[0]}.${segments[1]}`;
  if (!algorithm) {
    return step(4, "Signature", h("p", {}, `This page does not know the algorithm ${JSON.stringify(context.alg)}; wasm-jwt refuses such a token.`));
  }
  const formula = h("pre", { class: "formula" }, `${segments[2] === "" ? "(empty)" : "signature"} = base64url( ${algorithm.formula} )`);
  if (algorithm.family !== "hmac") {
    return step(4, "Signature", formula,
      h("p", {}, "The issuer computes this with its private key. A verifier cannot recompute it: it checks it against the signing input with the public key."),
      h("p", {}, "With the key under Verify signature: ", h("strong", {}, context.verdict.lines.find((l) => l.id === "signature")?.text ?? context.verdict.title)));
  }
  const computed = h("code", { class: "token-piece seg-signature", id: "how-computed" }, context.secret ? "computing…" : "enter the secret under Verify signature");
  const comparison = h("p", { id: "how-comparison", class: "comparison" });
  if (context.secret) {
    hmacBase64url(algorithm.hash, context.secret.value, signingInput).then(
      (value) => {
        computed.textContent = value;
        const same = value === segments[2];
        comparison.className = `comparison ${same ? "good" : "bad"}`;
        comparison.textContent = same ? "✓ Same as the token's third part: the secret is right and nothing was changed." : "✗ Differs from the token's third part: another secret signed it, or the token was changed.";
      },
      (error) => (computed.textContent = `Web Crypto could not compute it: ${error.message}`),
    );
  }
  return step(4, "Signature", formula,
    h("dl", { class: "values" },
      h("dt", {}, "secret"), h("dd", {}, context.secret ? `${context.secret.bytes} bytes (${encodingName(context.secret.encoding)}; not shown)` : "not given"),
      h("dt", {}, "signingInput"), h("dd", {}, `the ${signingInput.length} ASCII characters of step 3`),
      h("dt", {}, "recomputed here"), h("dd", {}, computed),
      h("dt", {}, "in the token"), h("dd", {}, h("code", { class: "token-piece seg-signature" }, segments[2] || "(empty)"))),
    comparison);
}

// What each of a JWE's five parts is (RFC 7516 §5.1), in the colours of the token editor.
const JWE_EXPLAINED = [
  "base64url of the JSON header: alg says how the content key reaches the recipient, enc how the content is encrypted. It is authenticated with the content: changing it fails the tag.",
  "the random content key, wrapped for the recipient (A*KW, A*GCMKW, RSA-OAEP, ECDH-ES+A*KW); empty for dir (the shared secret is the content key) and ECDH-ES (the key is agreed from the header's epk and the recipient's key).",
  "random, new for every token.",
  "the payload (claims, or a signed JWT for a nested token) encrypted with the content key.",
  "proves that header, IV and ciphertext are unchanged, and is checked before any plaintext is released. A wrong key and an altered token fail it alike: decryption_failed, one message for both.",
];

function jweParts() {
  return [
    h("h2", {}, "How an encrypted token (JWE) is built"),
    h("ol", { class: "how" }, ...JWE_PARTS.map((part, i) => h("li", {}, h("strong", { class: part.class }, part.name), `: ${JWE_EXPLAINED[i]}`))),
  ];
}

// `context`: { alg, algorithm, secret, verdict } for the current token, or null when it does not decode.
export function howItWorks(token, context) {
  const segments = token.split(".");
  if (segments.length === 5) return jweParts();
  if (!context || segments.length !== 3) {
    return [h("h2", {}, "How a JWT is built"), h("p", {}, "Enter a well-formed token under Decode & verify (or build one under Encode) to see how each part is made from it.")];
  }
  return [
    h("h2", {}, "How this token is built"),
    h("p", { class: "hint" }, "base64url is base64 with - and _ instead of + and /, and no = padding (RFC 7515 §2). The signature covers the exact characters of the first two parts: the same JSON with other spacing or member order gives a different signature."),
    h("ol", { class: "how" },
      step(1, "Header", flow(segmentText(segments[0]), segments[0], "seg-header")),
      step(2, "Payload", flow(segmentText(segments[1]), segments[1], "seg-payload")),
      step(3, "Signing input", h("pre", { class: "formula" }, 'signingInput = base64url(header) + "." + base64url(payload)'),
        h("code", { class: "token-piece" }, h("span", { class: "seg-header" }, segments[0]), h("span", { class: "dot" }, "."), h("span", { class: "seg-payload" }, segments[1]))),
      signatureStep(context.algorithm, segments, context),
      step(5, "Token", h("pre", { class: "formula" }, 'token = signingInput + "." + signature'),
        h("code", { class: "token-piece" }, h("span", { class: "seg-header" }, segments[0]), h("span", { class: "dot" }, "."), h("span", { class: "seg-payload" }, segments[1]), h("span", { class: "dot" }, "."), h("span", { class: "seg-signature" }, segments[2])))),
  ];
}
