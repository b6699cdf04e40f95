//! Any string as a JWK, a JWKS or an HMAC secret: key parsing never panics.
#![no_main]

use jwt_wasm::{Key, KeySet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let _ = Key::from_jwk(input);
    let _ = KeySet::from_jwks(input);
    let _ = Key::hmac(input.as_bytes());
});
