//! Every Wycheproof JWS case whose key is not an HMAC secret (the HMAC cases are in
//! `vectors_hmac.rs`), and every Wycheproof JWK/JWKS case.
//!
//! This copy of the vectors has no `acceptable` cases, so there was no policy choice
//! to make. Four cases marked `valid` are rejected on purpose, because accepting them
//! would mean ignoring a JWK's `alg`, which other cases of the same file require honouring:
//! - tcId 346 and 350 (RFC 7520 figure 20): the test adds `"alg": "PS256"` to the
//!   RFC 7520 key (the RFC's key has no `alg`) and the token is PS384. A key bound to
//!   PS256 refuses PS384 (`key_mismatch`), just as tcId 332-340 require a PS512-bound
//!   key to refuse RS256, RS384, RS512, PS256 and PS384 tokens with valid signatures.
//! - tcId 347 and 351 (RFC 7520 figure 27): the test gives the P-521 key `"alg": "ES521"`,
//!   which is not a registered algorithm (ES512 is). A JWK `alg` this library does not
//!   know makes the key unusable (`invalid_key`), as the JWK cases tcId 19 ("ES521" on a
//!   P-256 key) and tcId 20 ("ES224") require.
//!
//! The same tokens verify with the RFC 7520 keys as published (`cookbook.rs`).

#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

use std::path::PathBuf;

use wasm_jwt::{verify_jws, ErrorCode, Key, KeySet, VerifyOptions};
use serde_json::Value;

fn vectors(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors").join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap()
}

/// Marked `valid`, rejected with this code for the reasons in the file comment.
const REJECTED_ALTHOUGH_MARKED_VALID: [(u64, ErrorCode); 4] =
    [(346, ErrorCode::KeyMismatch), (350, ErrorCode::KeyMismatch), (347, ErrorCode::InvalidKey), (351, ErrorCode::InvalidKey)];

/// Cases whose only fault is the signature itself, which must therefore fail as `bad_signature`.
fn is_signature_fault(group: &Value, case: &Value) -> bool {
    let flags: Vec<&str> = case["flags"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    let header = case["jws"].as_str().unwrap().split('.').next().unwrap();
    let modified = flags.contains(&"ModifiedPadding") || (flags.contains(&"ModifiedSignature") && !header.is_empty());
    modified || (group["comment"] == "SpecialCaseEs256" && case["result"] == "invalid")
}

#[test]
fn wycheproof_jws_cases_with_asymmetric_keys() {
    let file = vectors("wycheproof/json_web_signature_test.json");
    let mut checked = 0;
    for group in file["testGroups"].as_array().unwrap() {
        if group["private"]["kty"] == "oct" {
            continue;
        }
        // The public key verifies, as a relying party's would (some private keys here
        // carry `key_ops` such as ["sign, verify"], one malformed string, that forbid it).
        let jwk = if group["public"].is_null() { &group["private"] } else { &group["public"] };
        let key = Key::from_jwk(&jwk.to_string());
        for case in group["tests"].as_array().unwrap() {
            let id = case["tcId"].as_u64().unwrap();
            let outcome = key.as_ref().map_err(Clone::clone).and_then(|key| verify_jws(case["jws"].as_str().unwrap(), key, &VerifyOptions::default()));
            assert_ne!(case["result"], "acceptable", "tcId {id}: this copy has no acceptable cases; choose and document one");
            if let Some((_, code)) = REJECTED_ALTHOUGH_MARKED_VALID.iter().find(|(known, _)| *known == id) {
                assert_eq!(outcome.map(|_| ()).unwrap_err().code(), *code, "tcId {id}");
            } else if case["result"] == "valid" {
                assert!(outcome.is_ok(), "tcId {id} ({}) should verify: {:?}", case["comment"], outcome.err());
            } else {
                let e = outcome.map(|_| ()).expect_err(&format!("tcId {id} ({}) should be rejected", case["comment"]));
                if is_signature_fault(group, case) {
                    assert_eq!(e.code(), ErrorCode::BadSignature, "tcId {id} ({}): {e}", case["comment"]);
                }
            }
            checked += 1;
        }
    }
    // 401 cases, of which 21 + 17 + 2 are HMAC.
    assert_eq!(checked, 401 - 17 - 2 - 21);
}

#[test]
fn wycheproof_jwk_and_jwks_cases() {
    let file = vectors("wycheproof/json_web_key_test.json");
    let mut checked = 0;
    for group in file["testGroups"].as_array().unwrap() {
        for set in [&group["public"], &group["private"]].into_iter().filter(|s| !s.is_null()) {
            let keys = KeySet::from_jwks(&set.to_string());
            for case in group["tests"].as_array().unwrap() {
                let id = case["tcId"].as_u64().unwrap();
                let outcome = keys.as_ref().map_err(Clone::clone).and_then(|keys| verify_jws(case["jws"].as_str().unwrap(), keys, &VerifyOptions::default()));
                match case["result"].as_str().unwrap() {
                    "valid" => assert!(outcome.is_ok(), "tcId {id} ({}) should verify: {:?}", case["comment"], outcome.err()),
                    "invalid" => assert!(outcome.is_err(), "tcId {id} ({}) should be rejected", case["comment"]),
                    other => panic!("tcId {id}: result {other}: choose and document a policy"),
                }
                checked += 1;
            }
        }
    }
    // 26 cases; the 11 groups with both a private and a public set are checked with each.
    assert_eq!(checked, 26 + 11);
}

/// The reasons for the JWK cases' rejections, so that each fails for what it tests.
#[test]
fn wycheproof_jwk_rejections_have_the_expected_codes() {
    let file = vectors("wycheproof/json_web_key_test.json");
    let expected = [
        (1, ErrorCode::InvalidKey),  // secrets mixed with public keys in one set
        (4, ErrorCode::InvalidKey),  // duplicate kid
        (6, ErrorCode::InvalidKey),  // alg RSA1_5 is not a signature algorithm
        (7, ErrorCode::WeakKey),     // ROCA fingerprint
        (8, ErrorCode::WeakKey),     // 1024-bit RSA
        (9, ErrorCode::InvalidKey),  // e = 1
        (10, ErrorCode::WeakKey),    // HS256 secret of 31 bytes
        (16, ErrorCode::WeakKey),    // empty secret
        (19, ErrorCode::InvalidKey), // alg ES521
        (20, ErrorCode::InvalidKey), // alg ES224
        (21, ErrorCode::KeyMismatch), // use enc
        (22, ErrorCode::InvalidKey), // point not on the curve
        (23, ErrorCode::InvalidKey), // P-256 coordinates labelled P-384
        (24, ErrorCode::InvalidKey), // EC members labelled RSA
        // alg A256GCM: with JWE built in, a key bound to an encryption algorithm, which never signs.
        (25, if cfg!(feature = "jwe") { ErrorCode::KeyMismatch } else { ErrorCode::InvalidKey }),
    ];
    for group in file["testGroups"].as_array().unwrap() {
        let set = if group["public"].is_null() { &group["private"] } else { &group["public"] };
        for case in group["tests"].as_array().unwrap() {
            let id = case["tcId"].as_u64().unwrap();
            let Some((_, code)) = expected.iter().find(|(known, _)| *known == id) else { continue };
            let e = KeySet::from_jwks(&set.to_string())
                .and_then(|keys| verify_jws(case["jws"].as_str().unwrap(), &keys, &VerifyOptions::default()).map(|_| ()))
                .unwrap_err();
            assert_eq!(e.code(), *code, "tcId {id}: {e}");
        }
    }
}
