//! RSA verification, which is the crate's own arithmetic (`algorithms::rsa::montgomery`
//! and `emsa`), against signatures from two other implementations: OpenSSL
//! (`tests/fixtures/rsa-openssl.json`, written by `rsa-openssl.mjs` with node:crypto) and
//! the `rsa` crate (this crate's signing), for RS256/384/512 and PS256/384/512 with keys
//! of 2048, 2049, 2052, 3071, 3072 and 4096 bits. Each signature must verify, and every
//! change to it, to the signed text or to the value's range must not.

#![cfg(all(feature = "rsa", feature = "sign", feature = "serde"))]

use serde_json::Value;
use wasm_jwt::{sign_json, verify_jws, Algorithm, ErrorCode, Key, SignOptions, VerifyOptions};

const ALGORITHMS: [Algorithm; 6] = [Algorithm::RS256, Algorithm::RS384, Algorithm::RS512, Algorithm::PS256, Algorithm::PS384, Algorithm::PS512];

fn cases() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rsa-openssl.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn options(alg: Algorithm) -> VerifyOptions {
    VerifyOptions::new().algorithms([alg])
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (the crate's own is private).
fn b64(bytes: &[u8]) -> String {
    let bits: Vec<u8> = bytes.iter().flat_map(|&b| (0..8).rev().map(move |i| b >> i & 1)).collect();
    bits.chunks(6).map(|group| ALPHABET[group.iter().fold(0, |acc, &bit| acc << 1 | bit) as usize * (1 << (6 - group.len()))] as char).collect()
}

fn unb64(text: &str) -> Vec<u8> {
    let bits: Vec<u8> = text.bytes().flat_map(|c| {
        let value = ALPHABET.iter().position(|&a| a == c).unwrap() as u8;
        (0..6).rev().map(move |i| value >> i & 1)
    }).collect();
    bits.chunks_exact(8).map(|byte| byte.iter().fold(0, |acc, &bit| acc << 1 | bit)).collect()
}

/// The token with its signature replaced by `signature`.
fn with_signature(token: &str, signature: &[u8]) -> String {
    let input = &token[..token.rfind('.').unwrap()];
    format!("{input}.{}", b64(signature))
}

fn assert_refused(token: &str, key: &Key, alg: Algorithm, what: &str) {
    let error = verify_jws(token, key, &options(alg)).expect_err(what);
    assert_eq!(error.code(), ErrorCode::BadSignature, "{what}: {error}");
}

#[test]
fn openssl_signatures_verify_and_every_change_is_refused() {
    for case in cases() {
        let bits = case["bits"].as_u64().unwrap();
        let key = Key::from_pem(case["publicPem"].as_str().unwrap()).unwrap();
        for alg in ALGORITHMS {
            let token = case["tokens"][alg.name()].as_str().unwrap();
            let what = format!("{alg} with {bits} bits");
            let jws = verify_jws(token, &key, &options(alg)).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(jws.alg(), alg);

            let signature = unb64(&token[token.rfind('.').unwrap() + 1..]);
            assert_eq!(with_signature(token, &signature), token, "the test's base64url");
            for position in [0, 1, signature.len() / 2, signature.len() - 2, signature.len() - 1] {
                let mut changed = signature.clone();
                changed[position] ^= 0x01;
                assert_refused(&with_signature(token, &changed), &key, alg, &format!("{what}, signature byte {position} changed"));
            }
            let header = &token[..token.find('.').unwrap()];
            let other_payload = format!("{header}.{}.{}", b64(br#"{"sub":"someone else"}"#), b64(&signature));
            assert_refused(&other_payload, &key, alg, &format!("{what}, payload changed"));
        }
    }
}

/// RSAVP1 takes a signature only below the modulus: `n` itself, `n + s` and all ones are refused.
#[test]
fn signatures_not_below_the_modulus_are_refused() {
    for case in cases() {
        let key = Key::from_pem(case["publicPem"].as_str().unwrap()).unwrap();
        let jwk: Value = serde_json::from_str(&key.to_jwk(false).unwrap()).unwrap();
        let n = unb64(jwk["n"].as_str().unwrap());
        let token = case["tokens"]["RS256"].as_str().unwrap();
        let mut n_plus_one = n.clone();
        *n_plus_one.last_mut().unwrap() += 1;
        for signature in [n.clone(), n_plus_one, vec![0xff; n.len()]] {
            assert_refused(&with_signature(token, &signature), &key, Algorithm::RS256, "a signature not below n");
        }
        // Zero and one are below n but are no signature of anything: 0^e = 0, 1^e = 1.
        let mut one = vec![0; n.len()];
        *one.last_mut().unwrap() = 1;
        for signature in [vec![0; n.len()], one] {
            assert_refused(&with_signature(token, &signature), &key, Algorithm::RS256, "0 or 1");
        }
    }
}

/// What this crate signs (with the `rsa` crate) verifies with the public key alone, read
/// from PEM and from JWK. PS* signing needs randomness for its salt (the feature `rand`,
/// with which `scripts/test.sh` runs this file too).
#[test]
fn own_signatures_verify_with_the_public_key() {
    let algorithms = if cfg!(feature = "rand") { &ALGORITHMS[..] } else { &ALGORITHMS[..3] };
    for case in cases().iter().step_by(2) {
        let private = Key::from_pem(case["privatePem"].as_str().unwrap()).unwrap();
        let public = Key::from_pem(case["publicPem"].as_str().unwrap()).unwrap();
        let from_jwk = Key::from_jwk(&public.to_jwk(false).unwrap()).unwrap();
        for &alg in algorithms {
            let token = sign_json(r#"{"sub":"own"}"#, &private, &SignOptions::new().alg(alg)).unwrap();
            for key in [&public, &from_jwk, &private] {
                verify_jws(&token, key, &options(alg)).unwrap_or_else(|e| panic!("{alg}: {e}"));
            }
        }
    }
}

/// A PKCS#1 v1.5 signature is not a PSS one, nor one over another hash.
#[test]
fn a_signature_checks_under_its_own_scheme_and_hash_only() {
    let case = &cases()[0];
    let key = Key::from_pem(case["publicPem"].as_str().unwrap()).unwrap();
    for signed_as in ALGORITHMS {
        let token = case["tokens"][signed_as.name()].as_str().unwrap();
        let signature = unb64(&token[token.rfind('.').unwrap() + 1..]);
        for claimed in ALGORITHMS.into_iter().filter(|&alg| alg != signed_as) {
            let input = format!("{}.{}", b64(format!(r#"{{"alg":"{claimed}"}}"#).as_bytes()), b64(br#"{"sub":"x"}"#));
            let token = format!("{input}.{}", b64(&signature));
            assert_refused(&token, &key, claimed, &format!("{signed_as} signature as {claimed}"));
        }
    }
}
