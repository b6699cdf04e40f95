//! Any string as a JWK, a JWKS, a PEM block or an HMAC secret: key parsing never
//! panics, a key that parses exports to JWK and PEM and reads back, and text that any
//! key reader accepts is refused as an HMAC secret (`invalid_key`), as is that text
//! behind a BOM or Unicode whitespace.
#![no_main]

use wasm_jwt::{ErrorCode, Key, KeySet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let mut is_key_text = false;
    for key in [Key::from_jwk(input), Key::from_pem(input)].into_iter().flatten() {
        is_key_text = true;
        let jwk = key.to_jwk(true).expect("a key read from text exports as a JWK");
        Key::from_jwk(&jwk).expect("an exported JWK reads back");
        let _ = key.thumbprint();
        if let Ok(pem) = key.to_pem() {
            Key::from_pem(&pem).expect("an exported PEM reads back");
        }
    }
    is_key_text |= KeySet::from_jwks(input).is_ok();
    let _ = Key::hmac(input.as_bytes());
    if is_key_text {
        for secret in [input.to_owned(), format!("\u{feff}{input}"), format!("\u{a0}\u{b}{input}\u{2028}")] {
            let e = Key::hmac(secret.as_bytes()).expect_err("key text is never an HMAC secret");
            assert_eq!(e.code(), ErrorCode::InvalidKey, "{e}");
        }
    }
});
