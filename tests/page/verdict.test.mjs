// The page's verdict logic (www/verdict.js, checks.js, partial.js, keys.js, words.js) in
// Node, against the built package: its lines never contradict what wasm-jwt's verify says.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { importPackage } from "../js/helpers/package.mjs";
import { claimLines } from "../../www/checks.js";
import { repairPem, secretCandidates } from "../../www/keys.js";
import { applyFix, fixesFor, partialDecode } from "../../www/partial.js";
import { DEFAULT_MAX_TOKEN_LENGTH, assess } from "../../www/verdict.js";
import { sentence } from "../../www/words.js";

const jwt = await importPackage("wasm-jwt/sign");
const SECRET = "a test secret of more than thirty-two bytes, for HS256";
const NOW = 1_800_000_000;
const fields = (more = {}) => ({ issuers: [], audiences: [], leeway: 0, required: [], maxTokenLength: DEFAULT_MAX_TOKEN_LENGTH, ...more });
const secretKey = (text) => ({ kind: "secret", candidates: secretCandidates(text, "detect").map((c) => ({ ...c, label: c.encoding })) });
const noWebCrypto = () => assert.fail("Web Crypto is only for weak secrets");

function libraryCode(token, options) {
  try {
    jwt.verify(token, SECRET, { now: NOW, ...options });
    return "valid";
  } catch (error) {
    return error.code;
  }
}

describe("the verdict agrees with wasm-jwt's verify", () => {
  test("at the edges of exp and nbf, with and without leeway, and with issuer and audience options", () => {
    const cases = [];
    for (const leeway of [0, 300]) {
      for (const delta of [-301, -300, -299, -1, 0, 1, 299, 300, 301]) {
        cases.push([{ exp: NOW + delta }, { leeway }], [{ nbf: NOW + delta }, { leeway }]);
      }
    }
    cases.push(
      [{ iss: "a" }, { issuers: ["b"] }], [{}, { issuers: ["b"] }], [{ iss: "b" }, { issuers: ["a", "b"] }],
      [{ aud: "x" }, {}], [{ aud: ["x", "y"] }, { audiences: ["y"] }], [{ aud: "x" }, { audiences: ["z"] }], [{}, { audiences: ["z"] }],
      [{ sub: "s" }, { required: ["jti"] }], [{ jti: "j" }, { required: ["jti"] }],
    );
    for (const [payload, options] of cases) {
      const token = jwt.sign(payload, SECRET, { alg: "HS256", issuedAt: false });
      const f = fields(options);
      const libraryOptions = { leeway: f.leeway };
      if (f.issuers.length) libraryOptions.issuer = f.issuers;
      if (f.audiences.length) libraryOptions.audience = f.audiences;
      if (f.required.length) libraryOptions.required = f.required;
      const { verdict } = assess(jwt, token, secretKey(SECRET), f, NOW, noWebCrypto);
      const expected = libraryCode(token, libraryOptions);
      assert.equal(verdict.code ?? verdict.state, expected, JSON.stringify([payload, options]));
      const bad = verdict.lines.filter((l) => l.state === "bad");
      assert.equal(bad.length === 0, expected === "valid", JSON.stringify([payload, options, bad]));
      assert.equal(verdict.lines[0].state, "good", "the signature line");
    }
  });

  test("an expiry inside the leeway is said to be accepted within it", () => {
    const lines = claimLines({ exp: NOW - 120 }, fields({ leeway: 300 }), NOW);
    assert.deepEqual(lines.map((l) => [l.state, l.text]), [["good", `Expired 2 minutes ago (exp ${NOW - 120}), accepted within the 300 s leeway.`]]);
  });

  test("a wrong secret, an empty signature, a missing key, a weak secret", () => {
    const token = jwt.sign({ sub: "x" }, SECRET, { alg: "HS256" });
    assert.equal(assess(jwt, token, secretKey("another secret that is long enough to be used"), fields(), NOW, noWebCrypto).verdict.code, "bad_signature");
    assert.equal(assess(jwt, token.replace(/[^.]+$/, ""), secretKey(SECRET), fields(), NOW, noWebCrypto).verdict.code, "no_signature");
    assert.equal(assess(jwt, token, { missing: "Not checked." }, fields(), NOW, noWebCrypto).verdict.state, "unchecked");
    const asked = [];
    const pending = assess(jwt, token, secretKey("short"), fields(), NOW, (hash, readings) => (asked.push([hash, readings.length]), undefined));
    assert.deepEqual([pending.verdict.code, asked[0][0]], ["weak_key", "SHA-256"]);
    assert.equal(assess(jwt, token, secretKey("short"), fields(), NOW, () => 0).verdict.state, "warning");
    assert.equal(assess(jwt, token, secretKey("short"), fields(), NOW, () => -1).verdict.code, "bad_signature");
  });
});

describe("partial decoding and fixes", () => {
  const token = jwt.sign({ sub: "x" }, SECRET, { alg: "HS256" });
  const [h, p, s] = token.split(".");

  test("each fix gives back exactly the token", () => {
    for (const broken of [`Bearer ${token}`, `  bearer   ${token}\n`, `${h}.\n${p}\n.${s}`, ` ${token} `, `${h}=.${p}==.${s}=`]) {
      const fixes = fixesFor(broken);
      assert.equal(fixes.length, 1, broken);
      assert.equal(applyFix(broken, fixes[0].id), token, broken);
    }
    assert.deepEqual(fixesFor(token), []);
  });

  test("two-, four- and five-part tokens show what can be read", () => {
    assert.deepEqual(partialDecode(`${h}.${p}`).header.value, { alg: "HS256", typ: "JWT" });
    assert.deepEqual(partialDecode(`${h}.${p}.${s}.${s}`).payload.value.sub, "x");
    const jwe = partialDecode(`${h}.a.b.c.d`);
    assert.equal(jwe.kind, "jwe");
    assert.match(jwe.payload.error, /encrypted/);
  });
});

test("secrets: detection tries UTF-8, then base64; a PEM on one line is re-wrapped", () => {
  const base64 = Buffer.from(new Uint8Array(32).fill(251)).toString("base64");
  assert.deepEqual(secretCandidates(base64, "detect").map((c) => [c.encoding, c.bytes]), [["utf8", 44], ["base64", 32]]);
  assert.deepEqual(secretCandidates("plain words", "detect").map((c) => c.encoding), ["utf8"]);
  assert.throws(() => secretCandidates("not base64!", "base64"), /not standard base64/);
  const key = jwt.Key.generate("ES256");
  const pem = key.toPem();
  key.free();
  const repaired = repairPem(pem.replace(/\n/g, " "));
  assert.equal(repaired.repaired, true);
  assert.equal(repaired.text, pem);
  assert.equal(repairPem(pem).repaired, false);
});

test("messages are sentences without parser jargon", () => {
  assert.equal(sentence("the payload is not valid JSON: expected ident"), "The payload is not valid JSON: a word here is not a JSON value (true, false and null are the only bare words; strings need double quotes).");
  assert.equal(sentence('the header names "kid"'), 'The header names "kid".');
  assert.equal(sentence("Done."), "Done.");
});
