//! A build without the `sign` feature (the npm package's default entry is one): public
//! keys and secrets are read as before, every private key form is refused with
//! `unsupported_alg` and a message naming what reads it, and tokens still verify.
//!
//! `cargo test --no-default-features --features std,rsa,ecdsa,eddsa --test verify_only`
//! (scripts/test.sh); with `sign` (the default features) there is nothing to check here.
#![cfg(all(not(feature = "sign"), feature = "ecdsa", feature = "eddsa"))]

use wasm_jwt::{verify, ErrorCode, Key, KeySet, VerifyOptions};

/// RFC 7515 appendix A.3's P-256 key, and RFC 8037 appendix A.1's Ed25519 key.
const EC_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const EC_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
const EC_D: &str = "jpsQnnGQmL-YBIffH1136cLSG6nhGHYLiuPp3TSt0Jc";
const ED_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const ED_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
/// RFC 7515 appendix A.3's ES256 token, signed with the P-256 key above.
const ES256_TOKEN: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

fn assert_refused(result: Result<Key, wasm_jwt::Error>, what: &str) {
    let e = result.expect_err(what);
    assert_eq!(e.code(), ErrorCode::UnsupportedAlg, "{what}: {e}");
    assert!(e.message().contains("is a private key, which this build does not read"), "{what}: {e}");
    assert!(e.message().contains("\"wasm-jwt/sign\"") && e.message().contains("\"sign\" feature"), "{what}: {e}");
}

#[test]
fn private_jwks_are_refused_and_their_public_halves_read() {
    assert_refused(Key::from_jwk(&format!(r#"{{"kty":"EC","crv":"P-256","x":"{EC_X}","y":"{EC_Y}","d":"{EC_D}"}}"#)), "EC private JWK");
    assert_refused(Key::from_jwk(&format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{ED_X}","d":"{ED_D}"}}"#)), "Ed25519 private JWK");
    let public = Key::from_jwk(&format!(r#"{{"kty":"EC","crv":"P-256","x":"{EC_X}","y":"{EC_Y}"}}"#)).unwrap();
    assert!(!public.is_private());
    let options = VerifyOptions { now: Some(1_300_000_000.0), ..VerifyOptions::default() };
    assert_eq!(verify(ES256_TOKEN, &public, &options).unwrap().alg().name(), "ES256");
    assert!(Key::from_jwk(&format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{ED_X}"}}"#)).is_ok());
    // Secrets are what HMAC verifies with: they stay.
    assert!(Key::from_jwk(r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#).unwrap().is_private());
}

#[test]
fn private_pem_blocks_are_refused_public_ones_read() {
    // RFC 8410 section 10.3's Ed25519 private key (PKCS#8), and the labels of PKCS#1 and SEC1 private keys.
    let pkcs8 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
    assert_refused(Key::from_pem(pkcs8), "PKCS#8");
    for label in ["RSA PRIVATE KEY", "EC PRIVATE KEY"] {
        assert_refused(Key::from_pem(&format!("-----BEGIN {label}-----\nAAAA\n-----END {label}-----\n")), label);
    }
    let spki = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    assert_eq!(Key::from_pem(spki).unwrap().to_pem().unwrap(), spki);
}

#[test]
fn a_private_key_in_a_set_is_refused_when_a_token_asks_for_it() {
    let set = KeySet::from_jwks(&format!(r#"{{"keys":[{{"kty":"EC","crv":"P-256","kid":"a","x":"{EC_X}","y":"{EC_Y}","d":"{EC_D}"}}]}}"#)).unwrap();
    let token = ES256_TOKEN.replacen("eyJhbGciOiJFUzI1NiJ9", "eyJhbGciOiJFUzI1NiIsImtpZCI6ImEifQ", 1);
    let e = verify(&token, &set, &VerifyOptions::default()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedAlg, "{e}");
}
