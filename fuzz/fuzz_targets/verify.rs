//! Any string as a token, with a fixed key: `verify` never panics. Any string as
//! a payload: if `sign` accepts it, the token it makes verifies and decodes.
#![no_main]

use wasm_jwt::{decode, sign_json, verify, verify_jws, Key, KeySet, SignOptions, VerifyOptions};
use libfuzzer_sys::fuzz_target;

const NOW: f64 = 1_700_000_000.0;

fuzz_target!(|input: &str| {
    let key = Key::hmac(&[0x42; 64]).unwrap();
    let set = KeySet::from_jwks(r#"{"keys":[{"kty":"oct","kid":"a","k":"QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI"}]}"#).unwrap();
    let options = VerifyOptions { now: Some(NOW), ..Default::default() };
    let _ = verify(input, &key, &options);
    let _ = verify(input, &set, &options);

    if let Ok(token) = sign_json(input, &key, &SignOptions { now: Some(NOW), ..Default::default() }) {
        verify_jws(&token, &key, &options).expect("a token we signed verifies");
        decode(&token).expect("a token we signed decodes");
    }
});
