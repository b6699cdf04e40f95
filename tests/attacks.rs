//! Known attacks on JWT libraries, each refused with a stable code:
//! key confusion (an RSA public key used as an HMAC secret), `alg` swapped between
//! families, a curve other than the algorithm's, ECDSA signatures with r = s = 0
//! (CVE-2022-21449) or in DER, an embedded `jwk` (or `jku`, `x5u`, `x5c`) header,
//! a `kid` naming a key of another type, and JWKS keys meant for encryption or another `alg`;
//! key text in disguise (a JWKS, a PEM after a BOM) used as an HMAC secret, and key sets
//! as a denial-of-service lever (many keys tried for a token without `kid`, huge sets,
//! huge RSA exponents). High-S ECDSA signatures are accepted, as RFC 7518 allows.

#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

use std::path::PathBuf;

use hmac::{Hmac, KeyInit, Mac};
use wasm_jwt::{sign_json, verify, verify_jws, Algorithm, ErrorCode, IssuedAt, Key, KeySet, SignOptions, VerifyOptions, MAX_JWKS_KEYS};
use serde_json::{json, Value};
use sha2::Sha256;

fn vectors(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors").join(path);
    serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap()
}

fn b64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn b64url_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| ALPHABET_VALUE.iter().position(|&a| a == c).unwrap() as u32;
    const ALPHABET_VALUE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &c)| n | value(c) << (18 - 6 * i));
        out.extend((0..chunk.len() - 1).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    out
}

/// The DER body of a PEM block (standard base64 with line breaks).
fn pem_body(pem: &str) -> Vec<u8> {
    let base64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    b64url_decode(&base64.trim_end_matches('=').replace('+', "-").replace('/', "_"))
}

fn signed(payload: &str, key: &Key, alg: Algorithm, header: Value) -> String {
    let header = header.is_object().then(|| header.to_string());
    sign_json(payload, key, &SignOptions { alg: Some(alg), header, issued_at: IssuedAt::Omit, ..Default::default() }).unwrap()
}

/// The token with its header replaced (and its signature kept).
fn with_header(token: &str, header: &str) -> String {
    let rest = token.split_once('.').unwrap().1;
    format!("{}.{rest}", b64url(header.as_bytes()))
}

/// The token with its signature replaced.
fn with_signature(token: &str, signature: &[u8]) -> String {
    format!("{}.{}", token.rsplit_once('.').unwrap().0, b64url(signature))
}

fn signature_of(token: &str) -> Vec<u8> {
    b64url_decode(token.rsplit_once('.').unwrap().1)
}

fn code(result: Result<impl Sized, wasm_jwt::Error>) -> ErrorCode {
    result.map(|_| ()).unwrap_err().code()
}

fn rsa_private() -> Key {
    Key::from_jwk(&vectors("jose-cookbook/jwk/3_4.rsa_private_key.json").to_string()).unwrap()
}

fn rsa_public() -> Key {
    Key::from_jwk(&vectors("jose-cookbook/jwk/3_3.rsa_public_key.json").to_string()).unwrap()
}

/// RFC 7515 A.3's P-256 key.
fn p256_private() -> Key {
    Key::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#).unwrap()
}

fn p521_private() -> Key {
    Key::from_jwk(&vectors("jose-cookbook/jwk/3_2.ec_private_key.json").to_string()).unwrap()
}

fn public_of(key: &Key) -> Key {
    Key::from_jwk(&key.to_jwk(false).unwrap()).unwrap()
}

fn hs256_token(secret: &[u8]) -> String {
    let input = format!("{}.{}", b64url(br#"{"alg":"HS256","typ":"JWT"}"#), b64url(br#"{"sub":"admin"}"#));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).unwrap();
    mac.update(input.as_bytes());
    format!("{input}.{}", b64url(&mac.finalize().into_bytes()))
}

#[test]
fn rsa_public_key_as_hmac_secret_is_refused() {
    let public = rsa_public();
    let pem = public.to_pem().unwrap();
    let jwk_json = public.to_jwk(false).unwrap();
    let der = pem_body(&pem);
    assert_eq!(der[0], 0x30, "the DER is a SEQUENCE");
    let set = KeySet::from_jwks(&format!(r#"{{"keys":[{jwk_json}]}}"#)).unwrap();
    for secret in [pem.as_bytes(), der.as_slice(), jwk_json.as_bytes()] {
        let token = hs256_token(secret);
        assert_eq!(code(verify(&token, &public, &VerifyOptions::default())), ErrorCode::KeyMismatch);
        assert_eq!(code(verify(&token, &Key::from_pem(&pem).unwrap(), &VerifyOptions::default())), ErrorCode::KeyMismatch);
        // From a set without a kid: no key of the set suits HS256.
        assert_eq!(code(verify(&token, &set, &VerifyOptions::default())), ErrorCode::KeyNotFound);
    }
    // Nor can the key text be made into a secret on this side.
    assert_eq!(code(Key::hmac(pem.as_bytes())), ErrorCode::InvalidKey);
    assert_eq!(code(Key::hmac(jwk_json.as_bytes())), ErrorCode::InvalidKey);
}

#[test]
fn disguised_key_text_as_hmac_secret_is_refused() {
    let public = rsa_public();
    let jwks = format!(r#"{{"keys":[{}]}}"#, public.to_jwk(false).unwrap());
    let set = KeySet::from_jwks(&jwks).unwrap();
    let bom_pem = format!("\u{feff}{}", public.to_pem().unwrap());
    assert!(Key::from_pem(&bom_pem).is_ok(), "the PEM reader skips the BOM");
    for secret in [jwks.as_bytes(), bom_pem.as_bytes()] {
        // Signing with the public text as a secret is refused: no key can be made of it.
        let e = Key::hmac(secret).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey);
        assert!(e.message().contains("never an HMAC secret"), "{e}");
        // A token an attacker forged with that text as the secret: the verifier cannot be
        // given the text as a secret either, and the real keys do not suit HS256.
        let forged = hs256_token(secret);
        assert_eq!(code(Key::hmac(secret).and_then(|key| verify(&forged, &key, &VerifyOptions::default()))), ErrorCode::InvalidKey);
        assert_eq!(code(verify(&forged, &set, &VerifyOptions::default())), ErrorCode::KeyNotFound);
        assert_eq!(code(verify(&forged, &public, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    }
}

#[test]
fn a_token_without_kid_is_tried_against_one_key_unless_more_are_allowed() {
    let signer = p256_private();
    // Wycheproof's P-256 test key: a second key that suits ES256.
    let other = Key::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY","y":"UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw"}"#).unwrap();
    let keys: Vec<Value> = [other, public_of(&signer)].iter().map(|k| serde_json::from_str(&k.to_jwk(false).unwrap()).unwrap()).collect();
    let set = KeySet::from_jwks(&json!({ "keys": keys }).to_string()).unwrap();
    let no_kid = signed(r#"{"sub":"a"}"#, &signer, Algorithm::ES256, Value::Null);
    let e = verify(&no_kid, &set, &VerifyOptions::default()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::KeyNotFound);
    assert!(e.message().contains("2 keys in the set suit ES256") && e.message().contains("maxKeysTried"), "{e}");
    let two = VerifyOptions { max_keys_tried: 2, ..Default::default() };
    assert!(verify(&no_kid, &set, &two).is_ok());
    // A bad signature is still reported as one when several keys are tried.
    let tampered = with_signature(&no_kid, &[0; 64]);
    assert_eq!(code(verify(&tampered, &set, &two)), ErrorCode::BadSignature);
}

#[test]
fn alg_swapped_between_families_is_refused() {
    let rsa = rsa_private();
    let token = signed(r#"{"sub":"a"}"#, &rsa, Algorithm::RS256, Value::Null);
    let public = public_of(&rsa);
    assert!(verify(&token, &public, &VerifyOptions::default()).is_ok());
    for (alg, expected) in [
        ("PS256", ErrorCode::BadSignature), // same key family, other padding: the signature fails
        ("HS256", ErrorCode::KeyMismatch),
        ("ES256", ErrorCode::KeyMismatch),
        ("EdDSA", ErrorCode::KeyMismatch),
        ("none", ErrorCode::UnsupportedAlg),
    ] {
        let swapped = with_header(&token, &format!(r#"{{"alg":"{alg}"}}"#));
        assert_eq!(code(verify(&swapped, &public, &VerifyOptions::default())), expected, "{alg}");
    }
    let ec = p256_private();
    let es256 = signed("{}", &ec, Algorithm::ES256, Value::Null);
    for alg in ["HS256", "RS256", "PS256", "Ed25519"] {
        let swapped = with_header(&es256, &format!(r#"{{"alg":"{alg}"}}"#));
        assert_eq!(code(verify(&swapped, &public_of(&ec), &VerifyOptions::default())), ErrorCode::KeyMismatch, "{alg}");
    }
    // The allow-list is checked too.
    let only_rs = VerifyOptions { algorithms: Some(vec![Algorithm::RS256]), ..Default::default() };
    assert_eq!(code(verify(&es256, &public_of(&ec), &only_rs)), ErrorCode::AlgNotAllowed);
}

#[test]
fn the_curve_decides_the_algorithm() {
    let p256 = p256_private();
    // The public key of the P-384 scalar 0x1234567890abcdef.
    let p384_public = Key::from_jwk(r#"{"kty":"EC","crv":"P-384","x":"-_lglZFetYc5D4UOyVs19hiuEhxypwgIrY-fTCYbYCtjVBdD45X3x3jlK7KMGNyD","y":"AWpv8_csk2gyatUKO9FIpTzSITu0gORzCtAZ24euEAmV7GXfAR4ZgRoV3J3fyas8"}"#).unwrap();
    let es256 = signed("{}", &p256, Algorithm::ES256, Value::Null);
    assert_eq!(code(verify(&es256, &p384_public, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    let relabelled = with_header(&es256, r#"{"alg":"ES384"}"#);
    assert_eq!(code(verify(&relabelled, &public_of(&p256), &VerifyOptions::default())), ErrorCode::KeyMismatch);
    // A JWK that binds a P-256 key to another ES algorithm is not a usable key.
    let mut jwk: Value = serde_json::from_str(&p256.to_jwk(false).unwrap()).unwrap();
    jwk["alg"] = "ES512".into();
    assert_eq!(code(Key::from_jwk(&jwk.to_string())), ErrorCode::InvalidKey);
    // Signing with the wrong curve's algorithm is refused as well.
    let options = SignOptions { alg: Some(Algorithm::ES384), ..Default::default() };
    assert_eq!(code(sign_json("{}", &p256, &options)), ErrorCode::KeyMismatch);
}

#[test]
fn zero_and_der_ecdsa_signatures_are_refused() {
    for (key, alg, field) in [(p256_private(), Algorithm::ES256, 32), (p521_private(), Algorithm::ES512, 66)] {
        let token = signed(r#"{"sub":"a"}"#, &key, alg, Value::Null);
        let public = public_of(&key);
        assert!(verify(&token, &public, &VerifyOptions::default()).is_ok());
        // CVE-2022-21449: r = s = 0 "verifies" against any message in a naive check.
        assert_eq!(code(verify(&with_signature(&token, &vec![0; 2 * field]), &public, &VerifyOptions::default())), ErrorCode::BadSignature);
        // The same r and s in DER (as OpenSSL and Java produce them) are not a JWS signature.
        let raw = signature_of(&token);
        let der = der_signature(&raw[..field], &raw[field..]);
        assert_eq!(code(verify(&with_signature(&token, &der), &public, &VerifyOptions::default())), ErrorCode::BadSignature);
        // Nor is a signature one byte short or long.
        for wrong in [&raw[1..], &[raw.as_slice(), &[0]].concat()[..]] {
            assert_eq!(code(verify(&with_signature(&token, wrong), &public, &VerifyOptions::default())), ErrorCode::BadSignature);
        }
    }
}

/// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, for signatures shorter than 128 bytes.
fn der_signature(r: &[u8], s: &[u8]) -> Vec<u8> {
    let integer = |x: &[u8]| {
        let x = &x[x.iter().position(|&b| b != 0).unwrap_or(x.len() - 1)..];
        let pad = usize::from(x[0] & 0x80 != 0);
        [&[0x02, (x.len() + pad) as u8][..], &vec![0; pad], x].concat()
    };
    let body = [integer(r), integer(s)].concat();
    let length = if body.len() < 128 { vec![body.len() as u8] } else { vec![0x81, body.len() as u8] };
    [&[0x30][..], &length, &body].concat()
}

#[test]
fn high_s_ecdsa_signatures_are_accepted() {
    // n - s is as valid as s (RFC 7518 does not ask for low S); WebCrypto and OpenSSL produce both.
    const P256_ORDER: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
        0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
    ];
    let key = p256_private();
    let token = signed(r#"{"sub":"a"}"#, &key, Algorithm::ES256, Value::Null);
    let raw = signature_of(&token);
    let mut flipped = raw[..32].to_vec();
    let mut borrow = 0i16;
    let mut negated = [0u8; 32];
    for i in (0..32).rev() {
        let d = i16::from(P256_ORDER[i]) - i16::from(raw[32 + i]) - borrow;
        borrow = i16::from(d < 0);
        negated[i] = d.rem_euclid(256) as u8;
    }
    flipped.extend_from_slice(&negated);
    assert_ne!(flipped, raw);
    assert!(verify(&with_signature(&token, &flipped), &public_of(&key), &VerifyOptions::default()).is_ok());
}

#[test]
fn embedded_jwk_and_key_urls_are_never_used() {
    let victim = public_of(&p521_private());
    let attacker = Key::from_jwk(r#"{"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2","d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}"#).unwrap();
    let attacker_jwk: Value = serde_json::from_str(&attacker.to_jwk(false).unwrap()).unwrap();
    let mut victim_jwk: Value = serde_json::from_str(&victim.to_jwk(false).unwrap()).unwrap();
    victim_jwk["kid"] = "victim".into();
    let set = KeySet::from_jwks(&json!({ "keys": [victim_jwk] }).to_string()).unwrap();
    let header = json!({
        "kid": "victim",
        "jwk": attacker_jwk,
        "jku": "https://attacker.example/jwks.json",
        "x5u": "https://attacker.example/cert.pem",
        "x5c": ["MIIBFjCBvaADAgECAgEBMAoGCCqGSM49BAMC"],
    });
    let token = signed(r#"{"sub":"admin"}"#, &attacker, Algorithm::ES512, header);
    // The token is genuinely signed by the key it carries ...
    assert!(verify_jws(&token, &attacker, &VerifyOptions::default()).is_ok());
    // ... but only the caller's keys count.
    assert_eq!(code(verify(&token, &victim, &VerifyOptions::default())), ErrorCode::BadSignature);
    assert_eq!(code(verify(&token, &set, &VerifyOptions::default())), ErrorCode::BadSignature);
}

fn mixed_set() -> KeySet {
    let rsa = vectors("jose-cookbook/jwk/3_3.rsa_public_key.json");
    let ec = serde_json::from_str::<Value>(&p256_private().to_jwk(false).unwrap()).unwrap();
    let mut keys = vec![rsa.clone(), ec.clone(), rsa.clone(), ec.clone(), ec.clone()];
    keys[0]["kid"] = "rsa".into();
    keys[1]["kid"] = "ec".into();
    keys[2]["kid"] = "rsa-enc".into();
    keys[2]["use"] = "enc".into();
    keys[3]["kid"] = "ec-encrypt-ops".into();
    keys[3]["key_ops"] = json!(["encrypt"]);
    keys[4]["kid"] = "ec-use-enc".into();
    keys[4]["use"] = "enc".into();
    keys[0]["alg"] = "RS512".into();
    KeySet::from_jwks(&json!({ "keys": keys }).to_string()).unwrap()
}

#[test]
fn kid_naming_a_key_of_another_type_is_refused() {
    let set = mixed_set();
    let token = |kid: &str| signed(r#"{"sub":"a"}"#, &p256_private(), Algorithm::ES256, json!({ "kid": kid }));
    assert!(verify(&token("ec"), &set, &VerifyOptions::default()).is_ok());
    // The kid selects exactly one key; no other key is tried in its place.
    assert_eq!(code(verify(&token("rsa"), &set, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    assert_eq!(code(verify(&token("nobody"), &set, &VerifyOptions::default())), ErrorCode::KeyNotFound);
    // Without a kid, only keys suited to ES256 (and usable for signatures) are tried.
    let no_kid = signed(r#"{"sub":"a"}"#, &p256_private(), Algorithm::ES256, Value::Null);
    assert!(verify(&no_kid, &set, &VerifyOptions::default()).is_ok());
}

#[test]
fn jwks_keys_for_encryption_or_another_alg_are_refused() {
    let set = mixed_set();
    let es256 = |kid: &str| signed(r#"{"sub":"a"}"#, &p256_private(), Algorithm::ES256, json!({ "kid": kid }));
    assert_eq!(code(verify(&es256("ec-use-enc"), &set, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    assert_eq!(code(verify(&es256("ec-encrypt-ops"), &set, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    let rs256 = |kid: &str| signed(r#"{"sub":"a"}"#, &rsa_private(), Algorithm::RS256, json!({ "kid": kid }));
    // The "rsa" key is bound to RS512 by its JWK "alg".
    assert_eq!(code(verify(&rs256("rsa"), &set, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    assert_eq!(code(verify(&rs256("rsa-enc"), &set, &VerifyOptions::default())), ErrorCode::KeyMismatch);
    // Without a kid no RSA key of the set suits RS256 for signatures.
    let no_kid = signed(r#"{"sub":"a"}"#, &rsa_private(), Algorithm::RS256, Value::Null);
    assert_eq!(code(verify(&no_kid, &set, &VerifyOptions::default())), ErrorCode::KeyNotFound);
}

#[test]
fn key_sets_and_rsa_keys_that_cost_too_much_are_refused() {
    // A set of more keys than any issuer publishes is refused before a key is read.
    let oct = json!({"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"});
    let huge = json!({ "keys": vec![oct; MAX_JWKS_KEYS + 1] }).to_string();
    let e = KeySet::from_jwks(&huge).unwrap_err();
    assert_eq!((e.code(), e.message()), (ErrorCode::TooLarge, "the JWKS has 101 keys; at most 100 are accepted"));
    // An RSA exponent above 65537 makes every verification slower: refused, in a JWK or a set.
    let mut big_e = vectors("jose-cookbook/jwk/3_3.rsa_public_key.json");
    big_e["e"] = b64url(&[1, 0, 0, 0, 1]).into();
    let e = Key::from_jwk(&big_e.to_string()).unwrap_err();
    assert_eq!((e.code(), e.message()), (ErrorCode::InvalidKey, "the RSA public exponent is above 65537; larger exponents make verification slow and are refused"));
    let set = KeySet::from_jwks(&json!({ "keys": [big_e] }).to_string()).unwrap();
    let token = signed("{}", &rsa_private(), Algorithm::RS256, json!({"kid": "bilbo.baggins@hobbiton.example"}));
    assert_eq!(code(verify(&token, &set, &VerifyOptions::default())), ErrorCode::InvalidKey);
}

#[test]
fn public_keys_cannot_sign() {
    for key in [public_of(&rsa_private()), public_of(&p256_private()), public_of(&p521_private())] {
        let e = sign_json("{}", &key, &SignOptions::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::KeyMismatch);
        assert!(e.message().contains("public key"), "{e}");
    }
}

#[test]
fn unsupported_curves_and_weak_rsa_keys() {
    for crv in ["Ed448", "X448", "x25519", "ed25519"] {
        let jwk = format!(r#"{{"kty":"OKP","crv":"{crv}","x":"AAAA"}}"#);
        assert_eq!(code(Key::from_jwk(&jwk)), ErrorCode::UnsupportedAlg, "{crv}");
    }
    // X25519 keys exist with the jwe feature (encryption only), not without it.
    let x25519 = if cfg!(feature = "jwe") { ErrorCode::InvalidKey } else { ErrorCode::UnsupportedAlg };
    assert_eq!(code(Key::from_jwk(r#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#)), x25519);
    assert_eq!(code(Key::from_jwk(r#"{"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"}"#)), ErrorCode::UnsupportedAlg);
    let mut small = vectors("jose-cookbook/jwk/3_3.rsa_public_key.json");
    small["n"] = b64url(&[0xc5; 128]).into();
    assert_eq!(code(Key::from_jwk(&small.to_string())), ErrorCode::WeakKey);
}

#[test]
fn rsa_signatures_must_be_exactly_the_modulus_length() {
    let key = rsa_private();
    for alg in [Algorithm::RS256, Algorithm::PS384] {
        let token = match sign_json("{}", &key, &SignOptions { alg: Some(alg), ..Default::default() }) {
            Ok(token) => token,
            Err(e) => {
                // PS* signing needs the `rand` feature; verify-only builds refuse it clearly.
                assert_eq!(e.code(), ErrorCode::UnsupportedAlg);
                continue;
            }
        };
        let raw = signature_of(&token);
        let longer = [&[0u8][..], &raw].concat();
        for wrong in [&raw[1..], &longer[..]] {
            assert_eq!(code(verify(&with_signature(&token, wrong), &public_of(&key), &VerifyOptions::default())), ErrorCode::BadSignature);
        }
    }
}
