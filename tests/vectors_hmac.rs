//! HMAC test vectors: RFC 7515 appendix A.1, the RFC 7520 cookbook (4.4), and
//! every Wycheproof JWS case whose key is an HMAC secret.
//!
//! Four cases of the shared Wycheproof copy cannot be taken at their word:
//! - tcId 372 and 373 ("InvalidCharacterInsertedInHeader/Payload") are marked
//!   `valid`, but their MAC matches only if the verifier drops the `?` inserted in a
//!   segment. RFC 7515 signs the segments as received and `?` is not base64url, so
//!   this library rejects both as `malformed`.
//! - tcId 367 and 370 ("invalidBase64Padding…") are marked `invalid`, but in this
//!   copy they are byte-for-byte the valid tcId 357: the `=` padding their names
//!   describe is absent. They are accepted like 357, and `padded_segments_are_rejected`
//!   checks the padding they were meant to carry.

use std::path::PathBuf;

use wasm_jwt::{decode, verify, verify_jws, Algorithm, ErrorCode, Key, Part, VerifyOptions};
use serde_json::Value;

fn vectors(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors").join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap()
}

const REJECTED_ALTHOUGH_MARKED_VALID: [u64; 2] = [372, 373];
const IDENTICAL_TO_VALID_357: [u64; 2] = [367, 370];

#[test]
fn rfc7515_a1_hs256() {
    let key = Key::from_jwk(r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#).unwrap();
    let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let options = VerifyOptions { now: Some(1_300_819_000.0), issuer: Some(vec!["joe".into()]), ..Default::default() };
    let verified = verify(token, &key, &options).unwrap();
    assert_eq!(verified.alg(), Algorithm::HS256);
    let claims: serde_json::Value = serde_json::from_str(verified.payload_json()).unwrap();
    assert_eq!(claims["http://example.com/is_root"], true);
    assert_eq!(verified.header_json(), "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");

    let later = VerifyOptions { now: Some(1_300_819_380.0), ..options.clone() };
    let e = verify(token, &key, &later).unwrap_err();
    assert_eq!((e.code(), e.claim()), (ErrorCode::Expired, Some("exp")));

    let tampered = token.replace(".dBj", ".dBk");
    assert_eq!(verify(&tampered, &key, &options).unwrap_err().code(), ErrorCode::BadSignature);
}

#[test]
fn cookbook_4_4_hmac_sha2() {
    let case = vectors("jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json");
    let key = Key::from_jwk(&case["input"]["key"].to_string()).unwrap();
    let compact = case["output"]["compact"].as_str().unwrap();
    let jws = verify_jws(compact, &key, &VerifyOptions::default()).unwrap();
    assert_eq!(std::str::from_utf8(jws.payload()).unwrap(), case["input"]["payload"].as_str().unwrap());
    let header: serde_json::Value = serde_json::from_str(jws.header_json()).unwrap();
    assert_eq!(header["kid"], case["signing"]["protected"]["kid"]);
    // The payload is prose, not a JWT claims set: verify (the JWT layer) refuses it.
    let e = verify(compact, &key, &VerifyOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.part()), (ErrorCode::Malformed, Some(Part::Payload)));
}

#[test]
fn wycheproof_hmac_cases() {
    let file = vectors("wycheproof/json_web_signature_test.json");
    let mut checked = 0;
    for group in file["testGroups"].as_array().unwrap() {
        let jwk = &group["private"];
        if jwk["kty"] != "oct" {
            continue;
        }
        let key = Key::from_jwk(&jwk.to_string()).unwrap();
        for case in group["tests"].as_array().unwrap() {
            let id = case["tcId"].as_u64().unwrap();
            let jws = case["jws"].as_str().unwrap();
            let outcome = verify_jws(jws, &key, &VerifyOptions::default());
            if IDENTICAL_TO_VALID_357.contains(&id) {
                assert!(outcome.is_ok(), "tcId {id} is the same token as tcId 357");
                checked += 1;
                continue;
            }
            let expect_valid = case["result"] == "valid" && !REJECTED_ALTHOUGH_MARKED_VALID.contains(&id);
            assert!(case["result"] != "acceptable", "tcId {id}: no acceptable HMAC cases expected");
            match (&outcome, expect_valid) {
                (Ok(_), true) => {}
                (Err(e), false) => assert!(!e.message().is_empty(), "tcId {id}"),
                _ => panic!("tcId {id} ({}): expected {}, got {outcome:?}", case["comment"], case["result"]),
            }
            if REJECTED_ALTHOUGH_MARKED_VALID.contains(&id) {
                assert_eq!(outcome.unwrap_err().code(), ErrorCode::Malformed, "tcId {id}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 40, "every HMAC case of the file was checked");
}

#[test]
fn wycheproof_rejections_carry_the_expected_codes() {
    let key = Key::from_jwk(r#"{"kty":"oct","k":"-ebuDNsVZ2iJtoZ-akfXTSCt4UO2cruLCsbWlBinggE"}"#).unwrap();
    let none = "eyJhbGciOiJub25lIiwia2lkIjoia2lkLWFlcy1zaWduIn0.Zm9v.";
    assert_eq!(verify_jws(none, &key, &VerifyOptions::default()).unwrap_err().code(), ErrorCode::UnsupportedAlg);
    let missing_sig = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImtpZC1hZXMtc2lnbiJ9.Zm9v.";
    assert_eq!(verify_jws(missing_sig, &key, &VerifyOptions::default()).unwrap_err().code(), ErrorCode::BadSignature);
    let json_serialization = r#"{"payload":"Zm9v","signatures":[]}"#;
    assert_eq!(decode(json_serialization).unwrap_err().part(), Some(Part::Token));
}

#[test]
fn padded_segments_are_rejected() {
    let key = Key::from_jwk(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#).unwrap();
    let valid = "eyJraWQiOiJoczI1Ni1rZXkiLCJhbGciOiJIUzI1NiJ9.VGVzdA.c1LROH7eNQwUT8KMVEO52VC3WZ9e_AnDWbZ7aMmowV8";
    assert!(verify_jws(valid, &key, &VerifyOptions::default()).is_ok());
    for (padded, part) in [(valid.replace(".VGVzdA.", ".VGVzdA==."), Part::Payload), (valid.to_owned() + "=", Part::Signature)] {
        let e = verify_jws(&padded, &key, &VerifyOptions::default()).unwrap_err();
        assert_eq!((e.code(), e.part(), e.offset()), (ErrorCode::Malformed, Some(part), padded.find('=')), "{padded}");
    }
}
