//! The wasm-bindgen layer of JWE (feature `jwe`), for the npm entry `wasm-jwt/jwe`: as
//! thin over `crate::jwe` as the rest of the bindings are over the core. Options cross as
//! the verify options' JSON text (the claim checks) and as plain arguments (the algorithm
//! names, the header as JSON object text); results as JSON text, and plaintext as bytes
//! that JS copies out of wasm memory before they are zeroed. Decrypting and encrypting run
//! in `stack::scrubbed`: the content key and the AES key schedules pass through the stack.

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::{parts_json, thrown, WasmKey, WasmKeySet};
use crate::error::{Error, ErrorCode};
use crate::jwe::{ContentEncryption, DecryptOptions, EncryptOptions, KeyManagement};
use crate::{json, Algorithm, Keys, VerifyOptions};

fn invalid_option(name: &str, e: &Error) -> Error {
    Error::new(ErrorCode::InvalidOption, message!("the option \"", name, "\": ", e.message()))
}

/// Names read with `from_name`; a name it refuses is `invalid_option` naming the option.
fn names<T>(names: Option<Vec<String>>, option: &str, from_name: impl Fn(&str) -> Result<T, Error>) -> Result<Option<Vec<T>>, Error> {
    names.map(|names| names.iter().map(|name| from_name(name).map_err(|e| invalid_option(option, &e))).collect()).transpose()
}

/// Decrypt options read once and kept in wasm memory, like `VerifyOptions`; the nested
/// JWT's verify key is given per call.
#[wasm_bindgen(js_name = DecryptOptions)]
pub struct WasmDecryptOptions(DecryptOptions<'static>);

#[wasm_bindgen(js_class = DecryptOptions)]
impl WasmDecryptOptions {
    /// `claims_json`: the verify options' JSON text without `algorithms` (the claim checks,
    /// `maxTokenLength`, `maxKeysTried`); the names of the accepted `alg`s, `enc`s and, for a
    /// nested JWT, signature algorithms.
    #[wasm_bindgen(constructor)]
    pub fn new(
        claims_json: &str,
        algorithms: Option<Vec<String>>,
        encryption_algorithms: Option<Vec<String>>,
        verify_algorithms: Option<Vec<String>>,
    ) -> Result<WasmDecryptOptions, JsValue> {
        let read = || -> Result<DecryptOptions<'static>, Error> {
            let claims = VerifyOptions::from_json(claims_json)?;
            Ok(DecryptOptions {
                algorithms: names(algorithms, "algorithms", KeyManagement::from_name)?,
                encryption_algorithms: names(encryption_algorithms, "encryptionAlgorithms", ContentEncryption::from_name)?,
                max_token_length: claims.max_token_length,
                max_keys_tried: claims.max_keys_tried,
                verify_key: None,
                verify_algorithms: names(verify_algorithms, "verifyAlgorithms", Algorithm::from_name)?,
                claims,
            })
        };
        read().map(WasmDecryptOptions).map_err(thrown)
    }
}

/// A decrypted token: its protected header as JSON text, and its plaintext held in wasm
/// memory for JS to copy out (`ptr`, `len`), zeroed when freed.
#[wasm_bindgen]
pub struct DecryptedContent {
    header: String,
    plaintext: Zeroizing<Vec<u8>>,
}

#[wasm_bindgen]
impl DecryptedContent {
    /// The protected header's JSON text.
    #[wasm_bindgen(getter)]
    pub fn header(&self) -> String {
        self.header.clone()
    }

    /// Where the plaintext starts in the module's memory.
    #[wasm_bindgen(getter)]
    pub fn ptr(&self) -> usize {
        self.plaintext.as_ptr() as usize
    }

    /// The plaintext's length in bytes.
    #[wasm_bindgen(getter)]
    pub fn len(&self) -> usize {
        self.plaintext.len()
    }
}

fn decrypted(token: &str, keys: Keys<'_>, options: &WasmDecryptOptions) -> Result<DecryptedContent, JsValue> {
    let decrypted = crate::stack::scrubbed(|| crate::jwe::decrypt(token, keys, &options.0)).map_err(thrown)?;
    let header = String::from(decrypted.header_json());
    Ok(DecryptedContent { header, plaintext: Zeroizing::new(decrypted.into_plaintext()) })
}

/// Decrypts with one key.
#[wasm_bindgen(js_name = decryptWithKey)]
pub fn decrypt_with_key(token: &str, key: &WasmKey, options: &WasmDecryptOptions) -> Result<DecryptedContent, JsValue> {
    decrypted(token, Keys::One(&key.0), options)
}

/// Decrypts with the key of a set that the token's `kid` selects.
#[wasm_bindgen(js_name = decryptWithKeySet)]
pub fn decrypt_with_key_set(token: &str, set: &WasmKeySet, options: &WasmDecryptOptions) -> Result<DecryptedContent, JsValue> {
    decrypted(token, Keys::Set(&set.0), options)
}

/// `{"header","payload"}` of a decrypted JWT as JSON text; a nested JWT is verified with
/// `verify_keys`. `clock` is the time unless the options set `now`.
fn decrypted_jwt(token: &str, keys: Keys<'_>, options: &WasmDecryptOptions, verify_keys: Option<Keys<'_>>, clock: f64) -> Result<String, JsValue> {
    let mut options = DecryptOptions { verify_key: verify_keys, ..options.0.clone() };
    options.claims.now = options.claims.now.or(Some(clock));
    let decrypted = crate::stack::scrubbed(|| crate::jwe::decrypt_jwt(token, keys, &options)).map_err(thrown)?;
    Ok(parts_json(decrypted.header_json(), decrypted.payload_json()))
}

// wasm-bindgen takes no optional borrowed key (`Option<&Key>`), hence one export per
// combination of a key or key set to decrypt with, and none, a key or a key set to verify
// a nested JWT with.

/// Decrypts a JWT with one key and checks its claims.
#[wasm_bindgen(js_name = decryptJwtWithKey)]
pub fn decrypt_jwt_with_key(token: &str, key: &WasmKey, options: &WasmDecryptOptions, clock: f64) -> Result<String, JsValue> {
    decrypted_jwt(token, Keys::One(&key.0), options, None, clock)
}

/// Decrypts a JWT with the key of a set and checks its claims.
#[wasm_bindgen(js_name = decryptJwtWithKeySet)]
pub fn decrypt_jwt_with_key_set(token: &str, set: &WasmKeySet, options: &WasmDecryptOptions, clock: f64) -> Result<String, JsValue> {
    decrypted_jwt(token, Keys::Set(&set.0), options, None, clock)
}

/// Decrypts a nested JWT with one key and verifies it with one key.
#[wasm_bindgen(js_name = decryptNestedJwtWithKeyVerifyKey)]
pub fn decrypt_nested_jwt_with_key_verify_key(token: &str, key: &WasmKey, options: &WasmDecryptOptions, verify: &WasmKey, clock: f64) -> Result<String, JsValue> {
    decrypted_jwt(token, Keys::One(&key.0), options, Some(Keys::One(&verify.0)), clock)
}

/// Decrypts a nested JWT with one key and verifies it with a key set.
#[wasm_bindgen(js_name = decryptNestedJwtWithKeyVerifyKeySet)]
pub fn decrypt_nested_jwt_with_key_verify_key_set(token: &str, key: &WasmKey, options: &WasmDecryptOptions, verify: &WasmKeySet, clock: f64) -> Result<String, JsValue> {
    decrypted_jwt(token, Keys::One(&key.0), options, Some(Keys::Set(&verify.0)), clock)
}

/// Decrypts a nested JWT with a key set and verifies it with one key.
#[wasm_bindgen(js_name = decryptNestedJwtWithKeySetVerifyKey)]
pub fn decrypt_nested_jwt_with_key_set_verify_key(token: &str, set: &WasmKeySet, options: &WasmDecryptOptions, verify: &WasmKey, clock: f64) -> Result<String, JsValue> {
    decrypted_jwt(token, Keys::Set(&set.0), options, Some(Keys::One(&verify.0)), clock)
}

/// Decrypts a nested JWT with a key set and verifies it with a key set.
#[wasm_bindgen(js_name = decryptNestedJwtWithKeySetVerifyKeySet)]
pub fn decrypt_nested_jwt_with_key_set_verify_key_set(token: &str, set: &WasmKeySet, options: &WasmDecryptOptions, verify: &WasmKeySet, clock: f64) -> Result<String, JsValue> {
    decrypted_jwt(token, Keys::Set(&set.0), options, Some(Keys::Set(&verify.0)), clock)
}

/// Encrypt options read once and kept in wasm memory, like `SignOptions`.
#[wasm_bindgen(js_name = EncryptOptions)]
pub struct WasmEncryptOptions(EncryptOptions);

#[wasm_bindgen(js_class = EncryptOptions)]
impl WasmEncryptOptions {
    /// The `alg` and `enc` names, and the extra header members as JSON object text.
    #[wasm_bindgen(constructor)]
    pub fn new(alg: Option<String>, enc: Option<String>, header_json: Option<String>) -> Result<WasmEncryptOptions, JsValue> {
        let read = || -> Result<EncryptOptions, Error> {
            if let Some(text) = &header_json {
                json::parse_object(text.as_bytes()).map_err(|e| Error::new(ErrorCode::InvalidOption, message!("the option \"header\" ", e.message)))?;
            }
            Ok(EncryptOptions {
                alg: alg.as_deref().map(KeyManagement::from_name).transpose().map_err(|e| invalid_option("alg", &e))?,
                enc: enc.as_deref().map(ContentEncryption::from_name).transpose().map_err(|e| invalid_option("enc", &e))?,
                header: header_json,
            })
        };
        read().map(WasmEncryptOptions).map_err(thrown)
    }
}

/// Encrypts bytes as a compact JWE. The plaintext is taken by value, so that its buffer is
/// zeroed before it is freed (a borrowed one would be freed by the glue with it still in it).
#[wasm_bindgen]
pub fn encrypt(plaintext: Vec<u8>, key: &WasmKey, options: &WasmEncryptOptions) -> Result<String, JsValue> {
    let plaintext = Zeroizing::new(plaintext);
    crate::stack::scrubbed(|| crate::jwe::encrypt(&plaintext, &key.0, &options.0)).map_err(thrown)
}

/// Encrypts claims given as UTF-8 JSON object text, checked as `sign` checks them (an
/// object, the registered claims of their types), as a JWE holding a JWT.
#[wasm_bindgen(js_name = encryptJwt)]
pub fn encrypt_jwt(payload: Vec<u8>, key: &WasmKey, options: &WasmEncryptOptions) -> Result<String, JsValue> {
    let payload = Zeroizing::new(payload);
    let text = core::str::from_utf8(&payload).map_err(|_| thrown(Error::new(ErrorCode::Malformed, "the payload is not UTF-8").in_part(crate::Part::Payload)))?;
    crate::stack::scrubbed(|| crate::jwe::encrypt_jwt_json(text, &key.0, &options.0)).map_err(thrown)
}
