//! Any string as a JWK, a JWKS, a PEM block or an HMAC secret: key parsing never
//! panics, and a key that parses exports to JWK and PEM and reads back.
#![no_main]

use wasm_jwt::{Key, KeySet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    for key in [Key::from_jwk(input), Key::from_pem(input)].into_iter().flatten() {
        let jwk = key.to_jwk(true).expect("a key read from text exports as a JWK");
        Key::from_jwk(&jwk).expect("an exported JWK reads back");
        let _ = key.thumbprint();
        if let Ok(pem) = key.to_pem() {
            Key::from_pem(&pem).expect("an exported PEM reads back");
        }
    }
    let _ = KeySet::from_jwks(input);
    let _ = Key::hmac(input.as_bytes());
});
