//! Any string: `decode` returns a value or an error, never panics; what it
//! returns is self-consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|token: &str| {
    match wasm_jwt::decode(token) {
        Ok(decoded) => {
            assert!(serde_json::from_str::<serde_json::Value>(decoded.header_json()).is_ok());
            assert!(serde_json::from_str::<serde_json::Value>(decoded.payload_json()).is_ok());
            assert_eq!(token.matches('.').count(), 2);
        }
        Err(e) => {
            assert!(!e.message().is_empty());
            assert!(e.offset().is_none_or(|o| o <= token.len()), "offset {:?} past the end", e.offset());
        }
    }
});
