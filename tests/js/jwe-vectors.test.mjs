// The JWE test vectors through the npm package (wasm-jwt/jwe, ESM), as tests/jwe.rs runs
// them through the Rust core: every Wycheproof JWE case (valid ones decrypt to their
// plaintext, invalid ones are a JwtError), and the RFC 7520 cookbook examples in compact form
// whose algorithms are supported; RSA1_5, PBES2 and zip refused with their reasons.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { REPO_DIR } from "./helpers/package.mjs";
import { importJwe } from "./helpers/jwe.mjs";

const { JwtError, Key, decrypt } = await importJwe();
const vectors = (file) => JSON.parse(readFileSync(path.join(REPO_DIR, "..", "shared", "vectors", file), "utf8"));
const headerOf = (token) => JSON.parse(Buffer.from(token.split(".")[0], "base64url"));

/** The outcome as JSON-comparable data: the plaintext as hex, or the error code. */
function outcome(jwk, token) {
  try {
    return { pt: Buffer.from(decrypt(token, Key.fromJwk(jwk)).plaintext).toString("hex") };
  } catch (error) {
    assert.ok(error instanceof JwtError, `not a JwtError: ${error}`);
    return { error: error.code };
  }
}

test("every Wycheproof JWE case: valid ones decrypt to their plaintext, invalid ones are refused", () => {
  let checked = 0;
  for (const group of vectors("wycheproof/json_web_encryption_test.json").testGroups) {
    for (const c of group.tests) {
      const got = outcome(group.private, c.jwe);
      const label = `tcId ${c.tcId} (${c.comment})`;
      if (c.result !== "valid") {
        assert.ok(got.error !== undefined, `${label} should be refused`);
      } else if (headerOf(c.jwe).alg === "RSA1_5") {
        // Refused by policy (README): the key's JWK alg "RSA1_5" already makes it invalid_key.
        assert.equal(got.error, "invalid_key", label);
      } else if (c.tcId === 135) {
        assert.equal(got.error, "unsupported_alg", `${label}: zip is refused`);
      } else {
        assert.deepEqual(got, { pt: c.pt }, label);
      }
      checked += 1;
    }
  }
  assert.equal(checked, 139);
});

test("the RFC 7520 cookbook JWE examples in compact form decrypt; RSA1_5, PBES2 and zip are refused with their reasons", () => {
  for (const name of ["5_2.key_encryption_using_rsa-oaep_with_aes-gcm", "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm", "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2", "5_6.direct_encryption_using_aes-gcm", "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2", "5_8.key_wrap_using_aes-keywrap_with_aes-gcm"]) {
    const { input, output } = vectors(`jose-cookbook/jwe/${name}.json`);
    const { header, plaintext } = decrypt(output.compact, Key.fromJwk(input.key));
    assert.equal(Buffer.from(plaintext).toString(), input.plaintext, name);
    assert.equal(header.alg, input.alg, name);
  }
  for (const [name, why] of [["5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2", /Bleichenbacher/], ["5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2", /iteration/], ["5_9.compressed_content", /zip/]]) {
    const { output } = vectors(`jose-cookbook/jwe/${name}.json`);
    assert.throws(() => decrypt(output.compact, Key.fromJwk({ kty: "oct", k: "BwcHBwcHBwcHBwcHBwcHBw" })), { code: "unsupported_alg", message: why }, name);
  }
});
