//! The wasm-bindgen layer: a thin shell over the core for the npm package.
//!
//! Results cross the boundary as JSON text (the header and payload verbatim as
//! signed), which the JS wrapper hands to `JSON.parse`: faster than building JS
//! objects from Rust. Errors cross as JSON text `{"code","message","part"?,"offset"?,"claim"?}`,
//! which the wrapper turns into `JwtError`. Options arrive as JSON text once, into
//! `VerifyOptions`/`SignOptions` objects the wrapper keeps per options object.
//!
//! Without the `sign` feature (the npm package's default entry, which only verifies)
//! nothing that signs or makes keys is exported: `sign`, `signStart`, `SignOptions`,
//! `Key.generate`, `Key.platformPrivateKey`; the wrapper says where they are. The
//! HMAC-only verify build (no `sign`, no public-key family) exports no key either.

use alloc::string::String;
use alloc::vec::Vec;

use wasm_bindgen::prelude::*;

use zeroize::Zeroizing;

#[cfg(feature = "sign")]
use crate::SignOptions;
use crate::{Error, ErrorCode, Key, KeySet, Keys, VerifyOptions};

#[cfg(feature = "jwe")]
mod jwe;

/// talc instead of std's dlmalloc: smaller in the wasm (docs/size.md, "The allocator").
/// It grows the memory as dlmalloc does, up to the module's maximum; a failed growth
/// traps (panic = "abort"), after which the wrapper makes a new instance.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn thrown(e: Error) -> JsValue {
    use crate::json::write_string;
    let mut out = String::from("{\"code\":");
    write_string(&mut out, e.code().as_str());
    out.push_str(",\"message\":");
    write_string(&mut out, e.message());
    if let Some(part) = e.part() {
        out.push_str(",\"part\":");
        write_string(&mut out, part.as_str());
    }
    if let Some(offset) = e.offset() {
        out.push_str(",\"offset\":");
        out.push_str(&crate::json::decimal(offset as u64));
    }
    if let Some(claim) = e.claim() {
        out.push_str(",\"claim\":");
        write_string(&mut out, claim);
    }
    out.push('}');
    JsValue::from_str(&out)
}

/// `{"header","payload"}` of a verified token as JSON text; `clock` is the time unless
/// the options set `now`.
fn verified(token: &str, keys: Keys<'_>, options: &WasmVerifyOptions, clock: f64) -> Result<String, JsValue> {
    crate::verify::verify_with_clock(token, keys, &options.0, Some(clock)).map(|v| verified_json(&v)).map_err(thrown)
}

fn verified_json(v: &crate::Verified) -> String {
    parts_json(v.header_json(), v.payload_json())
}

/// `{"header":…,"payload":…}` from the verbatim JSON texts.
fn parts_json(header: &str, payload: &str) -> String {
    let mut out = String::with_capacity(header.len() + payload.len() + 24);
    out.push_str("{\"header\":");
    out.push_str(header);
    out.push_str(",\"payload\":");
    out.push_str(payload);
    out.push('}');
    out
}

/// The SHA-256 of a token as base64url: what a verifier's cache keys its entries by, so
/// that an entry holds 43 characters whatever the token's length.
#[wasm_bindgen(js_name = tokenDigest)]
pub fn token_digest(token: &str) -> String {
    crate::keys::sha256_base64url(token.as_bytes())
}

/// Decodes without verifying: the header's and the payload's JSON texts, joined by a NUL,
/// which no JSON text the core reads contains (a raw control character is refused, even in
/// a string); the wrapper parses each and takes the signature from the token.
#[wasm_bindgen]
pub fn decode(token: &str) -> Result<String, JsValue> {
    // The texts only: the JS wrapper reads the header's members from its JSON.
    let d = crate::token::Texts::of(token).map_err(thrown)?;
    let mut texts = String::with_capacity(d.header_json().len() + 1 + d.payload_json().len());
    texts.push_str(d.header_json());
    texts.push('\0');
    texts.push_str(d.payload_json());
    Ok(texts)
}

/// Verifies with one key: `{"header","payload"}` as JSON text.
#[wasm_bindgen(js_name = verifyWithKey)]
pub fn verify_with_key(token: &str, key: &WasmKey, options: &WasmVerifyOptions, now: f64) -> Result<String, JsValue> {
    verified(token, Keys::One(&key.0), options, now)
}

/// Verifies with a key chosen from a set by `kid`: `{"header","payload"}` as JSON text.
#[wasm_bindgen(js_name = verifyWithKeySet)]
pub fn verify_with_key_set(token: &str, set: &WasmKeySet, options: &WasmVerifyOptions, now: f64) -> Result<String, JsValue> {
    verified(token, Keys::Set(&set.0), options, now)
}

/// Verifies with one key, the platform's crypto checking an RSA, ECDSA or EdDSA signature through
/// `platform` (synchronously, during this call), the core every other check and every
/// other signature: `{"header","payload"}` as JSON text.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen(js_name = verifyByPlatformWithKey)]
pub fn verify_by_platform_with_key(token: &str, key: &WasmKey, options: &WasmVerifyOptions, now: f64, platform: &PlatformCheck) -> Result<String, JsValue> {
    verified_by_platform(token, Keys::One(&key.0), options, now, platform)
}

/// [`verify_by_platform_with_key`] with a key chosen from a set by `kid`.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen(js_name = verifyByPlatformWithKeySet)]
pub fn verify_by_platform_with_key_set(token: &str, set: &WasmKeySet, options: &WasmVerifyOptions, now: f64, platform: &PlatformCheck) -> Result<String, JsValue> {
    verified_by_platform(token, Keys::Set(&set.0), options, now, platform)
}

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen]
extern "C" {
    /// The JS wrapper's check of a signature with the platform's crypto: `check(algAt,
    /// algLength, inputAt, inputLength, signatureAt, signatureLength, candidate)` reads the
    /// algorithm's name, the signing input and the signature where they lie in wasm memory
    /// (positions and lengths, not views: its first use of a key set's key may call an
    /// export, which can grow the memory) and gives 1 (matches), 0 (does not) or -1 (the
    /// platform cannot check it: the core does). It never throws.
    pub type PlatformCheck;

    #[wasm_bindgen(method, structural)]
    #[allow(clippy::too_many_arguments)]
    fn check(this: &PlatformCheck, alg_at: u32, alg_length: u32, input_at: u32, input_length: u32, signature_at: u32, signature_length: u32, candidate: u32) -> i32;
}

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
fn verified_by_platform(token: &str, keys: Keys<'_>, options: &WasmVerifyOptions, now: f64, platform: &PlatformCheck) -> Result<String, JsValue> {
    let Some(pending) = crate::verify::verify_start(token, keys, &options.0).map_err(thrown)? else {
        return verified(token, keys, options, now);
    };
    // wasm32 addresses and lengths fit a u32.
    let at = |bytes: &[u8]| (bytes.as_ptr() as u32, bytes.len() as u32);
    let matched = pending.matched_by(keys, |pending, candidate| {
        let ((alg_at, alg_length), (input_at, input_length), (signature_at, signature_length)) = (at(pending.alg().name().as_bytes()), at(pending.signing_input()), at(pending.signature()));
        match platform.check(alg_at, alg_length, input_at, input_length, signature_at, signature_length, candidate as u32) {
            -1 => None,
            result => Some(result == 1),
        }
    });
    pending.finish(matched, &options.0, Some(now)).map(|v| verified_json(&v)).map_err(thrown)
}

/// Starts verifying with one key, for the platform's crypto to check the signature (RSA,
/// ECDSA, EdDSA) asynchronously (verifyAsync); `undefined` when the core checks this
/// token's signature itself (call `verifyWithKey`). Every check but the signature
/// arithmetic is the core's.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen(js_name = verifyStartWithKey)]
pub fn verify_start_with_key(token: &str, key: &WasmKey, options: &WasmVerifyOptions) -> Result<Option<WasmPendingSignature>, JsValue> {
    pending(token, Keys::One(&key.0), options)
}

/// [`verify_start_with_key`] with a key chosen from a set by `kid`.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen(js_name = verifyStartWithKeySet)]
pub fn verify_start_with_key_set(token: &str, set: &WasmKeySet, options: &WasmVerifyOptions) -> Result<Option<WasmPendingSignature>, JsValue> {
    pending(token, Keys::Set(&set.0), options)
}

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
fn pending(token: &str, keys: Keys<'_>, options: &WasmVerifyOptions) -> Result<Option<WasmPendingSignature>, JsValue> {
    crate::verify::verify_start(token, keys, &options.0).map(|p| p.map(WasmPendingSignature)).map_err(thrown)
}

/// A token checked up to its signature, which the platform's crypto checks next.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen(js_name = PendingSignature)]
pub struct WasmPendingSignature(crate::verify::PendingSignature);

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[wasm_bindgen(js_class = PendingSignature)]
impl WasmPendingSignature {
    /// Where the algorithm's name, the signing input and the signature lie in wasm memory,
    /// then the candidates: `[name offset, name length, input offset, input length,
    /// signature offset, signature length, ...candidates]`, in one call, for verifyAsync to
    /// read them in place when it hands them to WebCrypto (valid until `finish` or `free`;
    /// views are made anew after each await, since another export may grow the memory).
    /// The name is static data: its offset names the algorithm for good.
    pub fn layout(&self) -> Vec<u32> {
        let (alg, input, signature) = (self.0.alg().name(), self.0.signing_input(), self.0.signature());
        // wasm32 addresses and lengths fit a u32.
        let mut layout = alloc::vec![alg.as_ptr() as u32, alg.len() as u32, input.as_ptr() as u32, input.len() as u32, signature.as_ptr() as u32, signature.len() as u32];
        layout.extend(self.0.candidates().iter().map(|&i| i as u32));
        layout
    }

    /// Given whether a candidate's signature matched: `{"header","payload"}` as JSON text
    /// once the claims pass, else the error.
    pub fn finish(self, matched: bool, options: &WasmVerifyOptions, clock: f64) -> Result<String, JsValue> {
        self.0.finish(matched, &options.0, Some(clock)).map(|v| verified_json(&v)).map_err(thrown)
    }
}

/// Verify options read once from JSON text and kept in wasm memory, so that reusing one
/// options object costs no parsing per call.
#[wasm_bindgen(js_name = VerifyOptions)]
pub struct WasmVerifyOptions(VerifyOptions);

#[wasm_bindgen(js_class = VerifyOptions)]
impl WasmVerifyOptions {
    /// Options from JSON text with the JS names (`maxAge`, ...).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<WasmVerifyOptions, JsValue> {
        VerifyOptions::from_json(json).map(WasmVerifyOptions).map_err(thrown)
    }
}

/// Signs a payload given as JSON object text.
#[cfg(feature = "sign")]
#[wasm_bindgen]
pub fn sign(payload: &str, key: &WasmKey, options: &WasmSignOptions, now: f64) -> Result<String, JsValue> {
    crate::sign::sign_json_with_clock(payload, &key.0, &options.options, Some(now), &options.headers).map_err(thrown)
}

/// The signing input of a token for the platform's crypto to sign, when the key is an
/// RSA, EC or Ed25519 private key; `undefined` for a secret (call `sign`). Every check of
/// the payload, the options and the key is the core's.
#[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
#[wasm_bindgen(js_name = signStart)]
pub fn sign_start(payload: &str, key: &WasmKey, options: &WasmSignOptions, now: f64) -> Result<Option<UnsignedToken>, JsValue> {
    if matches!(key.0.family(), crate::Family::Hmac) {
        return Ok(None);
    }
    let (alg, input) = crate::sign::signing_input(payload, &key.0, &options.options, Some(now), &options.headers).map_err(thrown)?;
    Ok(Some(UnsignedToken { alg: alg.name().into(), input }))
}

/// A token's algorithm and signing input, waiting for its signature.
#[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
#[wasm_bindgen]
pub struct UnsignedToken {
    alg: String,
    input: String,
}

#[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
#[wasm_bindgen]
impl UnsignedToken {
    /// The algorithm to sign with.
    #[wasm_bindgen(getter)]
    pub fn alg(&self) -> String {
        self.alg.clone()
    }

    /// The base64url header and payload, joined by a dot.
    #[wasm_bindgen(getter)]
    pub fn input(&self) -> String {
        self.input.clone()
    }
}

/// Secret bytes held in wasm memory for JS to copy out where they lie (`ptr`, `len` in
/// the module's memory), then zeroed when freed: returned as a `Vec`, they would be copied
/// by the glue and their buffer freed with them still in it.
#[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
#[wasm_bindgen]
pub struct SecretBytes(Zeroizing<Vec<u8>>);

#[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
#[wasm_bindgen]
impl SecretBytes {
    /// Where the bytes start in the module's memory.
    #[wasm_bindgen(getter)]
    pub fn ptr(&self) -> usize {
        self.0.as_ptr() as usize
    }

    /// How many bytes there are.
    #[wasm_bindgen(getter)]
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Sign options read once from JSON text and kept in wasm memory, like [`WasmVerifyOptions`],
/// with the header last built with them.
#[cfg(feature = "sign")]
#[wasm_bindgen(js_name = SignOptions)]
pub struct WasmSignOptions {
    options: SignOptions,
    headers: crate::sign::HeaderMemo,
}

#[cfg(feature = "sign")]
#[wasm_bindgen(js_class = SignOptions)]
impl WasmSignOptions {
    /// Options from JSON text with the JS names (`expiresIn`, ...).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<WasmSignOptions, JsValue> {
        SignOptions::from_json(json).map(|options| WasmSignOptions { options, headers: Default::default() }).map_err(thrown)
    }
}

/// Makes a key from secret input, taken by value (not borrowed) so that its buffer is
/// zeroed before it is freed (a borrowed one would be freed by the glue with the secret
/// still in it), and with the stack that reading it used overwritten.
fn from_key_input<T>(input: Vec<u8>, make: impl FnOnce(&[u8]) -> Result<T, Error>) -> Result<T, JsValue> {
    let input = Zeroizing::new(input);
    crate::stack::scrubbed(|| make(&input)).map_err(thrown)
}

/// Key text from the wrapper, which sends it as UTF-8 bytes (a string would be copied
/// twice by the glue when it holds non-ASCII characters, leaving one copy unzeroed).
fn key_text(bytes: &[u8]) -> Result<&str, Error> {
    core::str::from_utf8(bytes).map_err(|e| Error::new(ErrorCode::InvalidKey, message!("the key text is not UTF-8 (byte ", e.valid_up_to(), ")")))
}

/// A key held in wasm memory; the JS wrapper owns it and frees it.
#[wasm_bindgen(js_name = Key)]
pub struct WasmKey(Key);

#[wasm_bindgen(js_class = Key)]
impl WasmKey {
    /// An HMAC secret from bytes.
    pub fn hmac(secret: Vec<u8>) -> Result<WasmKey, JsValue> {
        from_key_input(secret, Key::hmac).map(WasmKey)
    }

    /// A key from JWK JSON text, as UTF-8 bytes.
    #[wasm_bindgen(js_name = fromJwk)]
    pub fn from_jwk(json: Vec<u8>) -> Result<WasmKey, JsValue> {
        from_key_input(json, |json| Key::from_jwk(key_text(json)?)).map(WasmKey)
    }

    /// A key from PEM text as UTF-8 bytes (SPKI, PKCS#8, PKCS#1, SEC1, or an X.509 certificate's public key).
    #[cfg(feature = "pem")]
    #[wasm_bindgen(js_name = fromPem)]
    pub fn from_pem(pem: Vec<u8>) -> Result<WasmKey, JsValue> {
        from_key_input(pem, |pem| Key::from_pem(key_text(pem)?)).map(WasmKey)
    }

    /// A new random key for the algorithm name (`alg`), bound to it.
    #[cfg(feature = "rand")]
    pub fn generate(alg: &str) -> Result<WasmKey, JsValue> {
        crate::stack::scrubbed(|| crate::Algorithm::from_name(alg).and_then(Key::generate)).map(WasmKey).map_err(thrown)
    }

    /// The key as JWK JSON text; private members only with `include_private`. Not in the
    /// HMAC-only verify build, whose keys are all secrets: exporting one belongs with
    /// signing (`wasm-jwt/hs/sign`), and leaving it out saves about 2 KB gzip there.
    #[cfg(any(feature = "sign", feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    #[wasm_bindgen(js_name = toJwk)]
    pub fn to_jwk(&self, include_private: bool) -> Result<String, JsValue> {
        self.0.to_jwk(include_private).map_err(thrown)
    }

    /// The key as PEM text: SPKI for a public key, PKCS#8 for a private key.
    #[cfg(feature = "pem")]
    #[wasm_bindgen(js_name = toPem)]
    pub fn to_pem(&self) -> Result<String, JsValue> {
        self.0.to_pem().map_err(thrown)
    }

    /// The public key as SPKI DER when the platform's crypto may check its signatures (RSA, EC).
    #[cfg(any(feature = "rsa", feature = "ecdsa"))]
    #[wasm_bindgen(js_name = platformPublicKey)]
    pub fn platform_public_key(&self) -> Option<Vec<u8>> {
        crate::algorithms::platform_public_key(&self.0)
    }

    /// The private key as PKCS#8 DER for the platform's crypto to sign with (RSA, EC and
    /// Ed25519 private keys), read in place and then freed (zeroed).
    #[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
    #[wasm_bindgen(js_name = platformPrivateKey)]
    pub fn platform_private_key(&self) -> Option<SecretBytes> {
        crate::algorithms::platform_private_key(&self.0).map(SecretBytes)
    }

    /// The RFC 7638 thumbprint (SHA-256, base64url); not in the HMAC-only verify build (`to_jwk`).
    #[cfg(any(feature = "sign", feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn thumbprint(&self) -> Result<String, JsValue> {
        self.0.thumbprint().map_err(thrown)
    }

    /// Whether the key can sign (a secret or a private key).
    #[wasm_bindgen(getter, js_name = isPrivate)]
    pub fn is_private(&self) -> bool {
        self.0.is_private()
    }

    /// The JWK `alg` the key is bound to.
    #[wasm_bindgen(getter)]
    pub fn alg(&self) -> Option<String> {
        self.0.alg().map(|a| a.name().into())
    }

    /// The key ID.
    #[wasm_bindgen(getter)]
    pub fn kid(&self) -> Option<String> {
        self.0.kid().map(String::from)
    }
}

/// A key set held in wasm memory.
#[wasm_bindgen(js_name = KeySet)]
pub struct WasmKeySet(KeySet);

#[wasm_bindgen(js_class = KeySet)]
impl WasmKeySet {
    /// A key set from JWKS JSON text, as UTF-8 bytes.
    #[wasm_bindgen(js_name = fromJwks)]
    pub fn from_jwks(json: Vec<u8>) -> Result<WasmKeySet, JsValue> {
        from_key_input(json, |json| KeySet::from_jwks(key_text(json)?)).map(WasmKeySet)
    }

    /// The public key at `index` as SPKI DER, like `Key.platformPublicKey`.
    #[cfg(any(feature = "rsa", feature = "ecdsa"))]
    #[wasm_bindgen(js_name = platformPublicKey)]
    pub fn platform_public_key(&self, index: usize) -> Option<Vec<u8>> {
        self.0.key_at(index).and_then(crate::algorithms::platform_public_key)
    }
}
