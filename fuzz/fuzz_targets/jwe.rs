//! Any string as an encrypted token, with fixed keys of each kind (X25519 among them): `decrypt` and
//! `decrypt_jwt` never panic. Any bytes as plaintext: what `encrypt` makes decrypts to them
//! (with secret keys only: an ephemeral EC key per run would slow the target tenfold, and
//! `tests/jwe.rs` covers ECDH-ES round trips).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use wasm_jwt::{decrypt, decrypt_jwt, encrypt, ContentEncryption, DecryptOptions, EncryptOptions, Key, KeyManagement, KeySet, VerifyOptions};

/// Bob's X25519 key (RFC 7748 section 6.1).
const X25519: &str = r#"{"kty":"OKP","crv":"X25519","use":"enc","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08","d":"XasIfmJKikt54X-Lg4AO5m87sSkmGLb9HC-LJ_-I4Os"}"#;
const EC_P256: &str = r#"{"kty":"EC","crv":"P-256","use":"enc","x":"Ze2loSV3wrroKUN_4zhwGhCqo3Xhu1td4QjeQ5wIVR0","y":"HlLtdXARY_f55A3fnzQbPcm6hgr34Mp8p-nuzQCE0Zw","d":"r_kHyZ-a06rmxM3yESK84r1otSg-aQcVStkRhA-iCM8"}"#;

struct Keys {
    dir: Key,
    wrap: Key,
    ec: Key,
    x25519: Key,
    set: KeySet,
}

/// Read once: reading the EC key checks its point, which would dominate each run.
fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        dir: Key::hmac(&[0x42; 32]).unwrap(),
        wrap: Key::from_jwk(r#"{"kty":"oct","use":"enc","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#).unwrap(),
        ec: Key::from_jwk(EC_P256).unwrap(),
        x25519: Key::from_jwk(X25519).unwrap(),
        set: KeySet::from_jwks(r#"{"keys":[{"kty":"oct","kid":"a","use":"enc","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}]}"#).unwrap(),
    })
}

fuzz_target!(|data: &[u8]| {
    let Keys { dir, wrap, ec, x25519, set } = keys();
    let options = DecryptOptions::new().claims(VerifyOptions::new().now(1_700_000_000));
    if let Ok(token) = core::str::from_utf8(data) {
        for key in [dir, wrap, ec, x25519] {
            let _ = decrypt(token, key, &options);
            let _ = decrypt_jwt(token, key, &options);
        }
        let _ = decrypt(token, set, &options);
    }

    for (key, alg, enc) in [
        (dir, KeyManagement::Dir, ContentEncryption::A128CbcHs256),
        (wrap, KeyManagement::A128KW, ContentEncryption::A128GCM),
        (wrap, KeyManagement::A128GCMKW, ContentEncryption::A256CbcHs512),
    ] {
        let token = encrypt(data, key, &EncryptOptions::new().alg(alg).enc(enc)).expect("any bytes encrypt");
        assert_eq!(decrypt(&token, key, &options).expect("a token we encrypted decrypts").plaintext(), data);
    }
});
