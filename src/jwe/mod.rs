//! Encrypted tokens: JWE compact serialization (RFC 7516) with the algorithms of
//! RFC 7518. [`decrypt`] reads any supported JWE, [`decrypt_jwt`] also checks the claims
//! of the JWT inside (and the signature of a nested, signed-then-encrypted JWT);
//! [`encrypt`] and [`encrypt_jwt`] make them.
//!
//! The order of checks keeps the secrets last: structure, header, the options' allowed
//! algorithms and the key's permissions first (all errors naming the fault), then the
//! key unwrap and the content's tag, whose failures all read the same (`decryption_failed`).

mod algorithms;
mod compact;
mod content;
mod ecdh;
mod key_management;
mod key_use;

use alloc::string::String;
use alloc::vec::Vec;

pub use algorithms::{ContentEncryption, KeyManagement};
pub(crate) use key_use::KeyBinding;

use crate::claims;
use crate::error::{Error, ErrorCode, Part};
use crate::header::same_typ;
use crate::json::{self, JsonErrorKind, Value};
use crate::keys::Key;
#[cfg(feature = "serde")]
use crate::token::checked_object;
use crate::token::DEFAULT_MAX_TOKEN_LENGTH;
use crate::verify::{check_typ, verify, Keys, Verified, VerifyOptions, MAX_KEYS_TRIED};
use crate::Algorithm;
use compact::{Compact, JweHeader};

/// What [`decrypt`] and [`decrypt_jwt`] accept.
#[derive(Clone, Debug)]
pub struct DecryptOptions<'k> {
    /// The key management algorithms (`alg`) to accept; when `None`, any the key suits.
    pub algorithms: Option<Vec<KeyManagement>>,
    /// The content encryption algorithms (`enc`) to accept; when `None`, any.
    pub encryption_algorithms: Option<Vec<ContentEncryption>>,
    /// The longest token accepted, in bytes ([`DEFAULT_MAX_TOKEN_LENGTH`] when `None`).
    pub max_token_length: Option<usize>,
    /// How many keys of a key set a token without `kid` may be tried against (1 to 16).
    pub max_keys_tried: usize,
    /// For [`decrypt_jwt`]: the claim checks of [`verify`] (issuer, audience, leeway, now...);
    /// `typ` is checked against the JWE header, or for a nested JWT, the signed token's header.
    /// Its `algorithms` must stay `None`: the inner signature's are [`Self::verify_algorithms`].
    pub claims: VerifyOptions,
    /// For [`decrypt_jwt`]: the key that verifies a nested JWT (`cty: "JWT"`). A nested token
    /// is refused without one, and with one, a token that is not nested is refused.
    pub verify_key: Option<Keys<'k>>,
    /// For [`decrypt_jwt`]: the signature algorithms accepted for the nested JWT.
    pub verify_algorithms: Option<Vec<Algorithm>>,
}

impl Default for DecryptOptions<'_> {
    fn default() -> Self {
        DecryptOptions {
            algorithms: None,
            encryption_algorithms: None,
            max_token_length: None,
            max_keys_tried: 1,
            claims: VerifyOptions::default(),
            verify_key: None,
            verify_algorithms: None,
        }
    }
}

impl<'k> DecryptOptions<'k> {
    /// The defaults: any algorithm the key suits, no claim checks beyond `exp`/`nbf`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Accepts only these key management algorithms.
    pub fn algorithms(mut self, algorithms: impl IntoIterator<Item = KeyManagement>) -> Self {
        self.algorithms = Some(algorithms.into_iter().collect());
        self
    }

    /// Accepts only these content encryption algorithms.
    pub fn encryption_algorithms(mut self, encs: impl IntoIterator<Item = ContentEncryption>) -> Self {
        self.encryption_algorithms = Some(encs.into_iter().collect());
        self
    }

    /// The claim checks for [`decrypt_jwt`].
    pub fn claims(mut self, claims: VerifyOptions) -> Self {
        self.claims = claims;
        self
    }

    /// Verifies a nested JWT with these keys, accepting these signature algorithms.
    pub fn verify_key(mut self, keys: impl Into<Keys<'k>>, algorithms: impl IntoIterator<Item = Algorithm>) -> Self {
        self.verify_key = Some(keys.into());
        self.verify_algorithms = Some(algorithms.into_iter().collect());
        self
    }

    fn check(&self) -> Result<(), Error> {
        let invalid = |m: &str| Err(Error::new(ErrorCode::InvalidOption, m));
        if self.algorithms.as_ref().is_some_and(Vec::is_empty) || self.encryption_algorithms.as_ref().is_some_and(Vec::is_empty) {
            return invalid("\"algorithms\" or \"encryptionAlgorithms\" is empty, so no token could ever decrypt");
        }
        if !(1..=MAX_KEYS_TRIED).contains(&self.max_keys_tried) {
            return Err(Error::new(ErrorCode::InvalidOption, message!("the option \"maxKeysTried\" must be a whole number from 1 to ", MAX_KEYS_TRIED)));
        }
        if self.claims.algorithms.is_some() {
            return invalid("the claim options' \"algorithms\" is not used when decrypting: give \"verifyAlgorithms\" for a nested JWT's signature");
        }
        Ok(())
    }

    fn allows(&self, header: &JweHeader) -> Result<(), Error> {
        let refused = |what: String| Err(Error::new(ErrorCode::AlgNotAllowed, what).in_part(Part::Header));
        if self.algorithms.as_ref().is_some_and(|allowed| !allowed.contains(&header.alg)) {
            return refused(message!("alg ", header.alg, " is not in the allowed algorithms"));
        }
        if self.encryption_algorithms.as_ref().is_some_and(|allowed| !allowed.contains(&header.enc)) {
            return refused(message!("enc ", header.enc, " is not in the allowed encryption algorithms"));
        }
        Ok(())
    }
}

/// A decrypted token: its protected header and the plaintext, authenticated.
#[derive(Clone, Debug)]
pub struct Decrypted {
    alg: KeyManagement,
    enc: ContentEncryption,
    header_json: String,
    plaintext: Vec<u8>,
}

impl Decrypted {
    /// The key management algorithm.
    pub fn alg(&self) -> KeyManagement {
        self.alg
    }
    /// The content encryption algorithm.
    pub fn enc(&self) -> ContentEncryption {
        self.enc
    }
    /// The protected header (feature `serde`).
    #[cfg(feature = "serde")]
    pub fn header(&self) -> serde_json::Map<String, serde_json::Value> {
        checked_object(&self.header_json)
    }
    /// The protected header's JSON text.
    pub fn header_json(&self) -> &str {
        &self.header_json
    }
    /// The decrypted content.
    pub fn plaintext(&self) -> &[u8] {
        &self.plaintext
    }
    /// The decrypted content, taken.
    pub fn into_plaintext(self) -> Vec<u8> {
        self.plaintext
    }
}

/// Decrypts a compact JWE with a key, or with the key of a set its `kid` selects.
///
/// ```
/// use wasm_jwt::{decrypt, DecryptOptions, Key};
/// // RFC 7520 section 5.6: "dir" with A128GCM (the key's JWK "alg" names the content encryption).
/// let key = Key::from_jwk(r#"{"kty":"oct","kid":"77c7e2b8-6e13-45cf-8672-617b5b45243a","use":"enc","alg":"A128GCM","k":"XctOhJAkA-pD9Lh7ZgW_2A"}"#)?;
/// let token = "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MTdiNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0..refa467QzzKx6QAB.JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7YhLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zMDB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpGbSv_F9N4IZAxscj5g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSInZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp.vbb32Xvllea2OtmHAdccRQ";
/// let decrypted = decrypt(token, &key, &DecryptOptions::default())?;
/// assert!(decrypted.plaintext().starts_with(b"You can trust us"));
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
pub fn decrypt<'a>(token: &str, keys: impl Into<Keys<'a>>, options: &DecryptOptions<'_>) -> Result<Decrypted, Error> {
    options.check()?;
    let mut compact = Compact::parse(token, options.max_token_length.unwrap_or(DEFAULT_MAX_TOKEN_LENGTH))?;
    let header = JweHeader::read(core::mem::take(&mut compact.header))?;
    options.allows(&header)?;
    let permits = |key: &Key| key_use::permits(key, header.alg, header.enc, true);
    let candidates: Vec<&Key> = match keys.into() {
        Keys::One(key) => {
            permits(key)?;
            alloc::vec![key]
        }
        Keys::Set(set) => set.candidates_where(header.kid.as_deref(), &message!(header.alg, " with ", header.enc), permits, options.max_keys_tried)?,
    };
    let mut outcome = Err(content::failed());
    for key in candidates {
        outcome = key_management::unwrap(key, &header, &compact.encrypted_key)
            .and_then(|cek| content::decrypt(header.enc, &cek, &compact.iv, compact.aad.as_bytes(), &compact.ciphertext, &compact.tag));
        if !matches!(&outcome, Err(e) if e.code() == ErrorCode::DecryptionFailed) {
            break;
        }
    }
    Ok(Decrypted { alg: header.alg, enc: header.enc, plaintext: outcome?, header_json: header.json })
}

/// A decrypted JWT whose claims (and, when nested, inner signature) have been checked.
#[derive(Clone, Debug)]
pub struct DecryptedJwt {
    header_json: String,
    payload_json: String,
    nested: Option<Verified>,
}

impl DecryptedJwt {
    /// The JWE's protected header (feature `serde`).
    #[cfg(feature = "serde")]
    pub fn header(&self) -> serde_json::Map<String, serde_json::Value> {
        checked_object(&self.header_json)
    }
    /// The JWE's protected header's JSON text.
    pub fn header_json(&self) -> &str {
        &self.header_json
    }
    /// The checked claims (feature `serde`).
    #[cfg(feature = "serde")]
    pub fn claims(&self) -> serde_json::Map<String, serde_json::Value> {
        checked_object(&self.payload_json)
    }
    /// The claims as your own type; see [`Verified::claims_as`].
    #[cfg(feature = "serde")]
    pub fn claims_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        claims::deserialize(&self.payload_json)
    }
    /// The claims' JSON text.
    pub fn payload_json(&self) -> &str {
        &self.payload_json
    }
    /// For a nested JWT, the verified signed token inside.
    pub fn nested(&self) -> Option<&Verified> {
        self.nested.as_ref()
    }
}

/// Decrypts a JWE holding a JWT and checks its claims with `options.claims`. A nested JWT
/// (header `cty: "JWT"`) is verified with `options.verify_key`, and refused without one.
pub fn decrypt_jwt<'a>(token: &str, keys: impl Into<Keys<'a>>, options: &DecryptOptions<'_>) -> Result<DecryptedJwt, Error> {
    let decrypted = decrypt(token, keys, options)?;
    let header = json::parse_object(decrypted.header_json.as_bytes()).expect("decrypt checked the header");
    let nested = header.get("cty").and_then(Value::as_str).is_some_and(|cty| same_typ(cty, "JWT"));
    let text = String::from_utf8(decrypted.plaintext).map_err(|_| Error::new(ErrorCode::Malformed, "the decrypted content is not UTF-8").in_part(Part::Payload))?;
    if nested {
        let Some(verify_key) = options.verify_key else {
            return Err(Error::new(ErrorCode::KeyNotFound, "the token is a nested JWT (cty \"JWT\"): give verifyKey to verify the signed token inside"));
        };
        let verify_options = VerifyOptions { algorithms: options.verify_algorithms.clone(), ..options.claims.clone() };
        let verified = verify(&text, verify_key, &verify_options)?;
        return Ok(DecryptedJwt { header_json: decrypted.header_json, payload_json: verified.payload_json().into(), nested: Some(verified) });
    }
    if options.verify_key.is_some() {
        return Err(Error::new(ErrorCode::BadSignature, "verifyKey was given but the token holds no signed JWT (its header has no cty \"JWT\")"));
    }
    // Not nested: `claims.typ` is the JWE header's (for a nested JWT, the inner header's).
    check_typ(header.get("typ").and_then(Value::as_str), &options.claims)?;
    let claims = json::locate_members(&text, claims::REGISTERED).map_err(|e| {
        let code = if e.kind == JsonErrorKind::TooDeep { ErrorCode::TooDeep } else { ErrorCode::Malformed };
        Error::new(code, message!("the decrypted payload ", e.message)).in_part(Part::Payload)
    })?;
    let claims = claims::Registered::read(claims)?;
    claims::validate(&claims, &options.claims, claims::now_or_clock(options.claims.now)?)?;
    Ok(DecryptedJwt { header_json: decrypted.header_json, payload_json: text, nested: None })
}

/// How [`encrypt`] protects a token.
#[cfg(feature = "rand")]
#[derive(Clone, Debug, Default)]
pub struct EncryptOptions {
    /// The key management algorithm; when `None`, the key's own (its JWK `alg`), ECDH-ES for
    /// an EC or X25519 key, RSA-OAEP-256 for an RSA key.
    pub alg: Option<KeyManagement>,
    /// The content encryption; when `None`, the key's own (a `dir` key bound to an `enc`), else A256GCM.
    pub enc: Option<ContentEncryption>,
    /// Extra protected header members (`kid`, `typ`, `cty`, `apu`, `apv`...); `alg`, `enc`,
    /// `zip`, `crit` and the members the algorithm sets (`epk`, `iv`, `tag`) are refused.
    /// The JSON text of an object, such as `{"cty":"JWT"}`; checked when encrypting.
    pub header: Option<String>,
}

#[cfg(feature = "rand")]
impl EncryptOptions {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }
    /// Uses this key management algorithm.
    pub fn alg(mut self, alg: KeyManagement) -> Self {
        self.alg = Some(alg);
        self
    }
    /// Uses this content encryption.
    pub fn enc(mut self, enc: ContentEncryption) -> Self {
        self.enc = Some(enc);
        self
    }
    /// Adds a protected header member with a string value (others go into [`Self::header`] as text).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.header = json::with_member(self.header.take(), name.into(), Value::String(value.into()));
        self
    }
}

/// Members of the header option that `encrypt` sets itself, or refuses.
#[cfg(feature = "rand")]
const RESERVED: &[&str] = &["alg", "enc", "zip", "crit", "epk", "iv", "tag", "p2s", "p2c"];

/// Encrypts `plaintext` for `key` as a compact JWE.
///
/// ```
/// use wasm_jwt::{decrypt, encrypt, ContentEncryption, DecryptOptions, EncryptOptions, Key, KeyManagement};
/// let key = Key::from_jwk(r#"{"kty":"oct","use":"enc","k":"GZy6sIZ6wl9NJOKB-jnmVQ"}"#)?;
/// let token = encrypt(b"hello", &key, &EncryptOptions::new().alg(KeyManagement::A128KW).enc(ContentEncryption::A128GCM))?;
/// assert_eq!(decrypt(&token, &key, &DecryptOptions::default())?.plaintext(), b"hello");
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
#[cfg(feature = "rand")]
pub fn encrypt(plaintext: &[u8], key: &Key, options: &EncryptOptions) -> Result<String, Error> {
    let invalid = |m: String| Error::new(ErrorCode::InvalidOption, m);
    let binding = key.encryption();
    let alg = match (options.alg, binding) {
        (Some(alg), _) => alg,
        (None, Some(KeyBinding::Alg(alg))) => alg,
        (None, Some(KeyBinding::Enc(_))) => KeyManagement::Dir,
        #[cfg(feature = "ecdsa")]
        (None, None) if matches!(key.material(), crate::keys::Material::Ec(_)) => KeyManagement::EcdhEs,
        (None, None) if matches!(key.material(), crate::keys::Material::X25519(_)) => KeyManagement::EcdhEs,
        #[cfg(feature = "rsa")]
        (None, None) if matches!(key.material(), crate::keys::Material::Rsa(_)) => KeyManagement::RsaOaep256,
        (None, None) => return Err(invalid("give \"alg\", the key management algorithm: the key does not name one".into())),
    };
    let enc = match (options.enc, binding) {
        (Some(enc), _) => enc,
        (None, Some(KeyBinding::Enc(enc))) => enc,
        _ => ContentEncryption::A256GCM,
    };
    key_use::permits(key, alg, enc, false)?;
    let mut header = match &options.header {
        None => json::Map::new(),
        Some(text) => json::parse_object(text.as_bytes()).map_err(|e| invalid(message!("the header option ", e.message)))?,
    };
    if let Some(name) = RESERVED.iter().find(|name| header.contains_key(name)) {
        return Err(invalid(message!("the header option may not set \"", name, "\": encrypt sets or refuses it")));
    }
    let party = |name: &str| -> Result<Vec<u8>, Error> {
        match header.get(name) {
            None => Ok(Vec::new()),
            Some(Value::String(text)) => crate::base64url::decode(text.as_bytes()).map_err(|_| invalid(message!("the header \"", name, "\" must be base64url"))),
            Some(_) => Err(invalid(message!("the header \"", name, "\" must be a base64url string"))),
        }
    };
    let (apu, apv) = (party("apu")?, party("apv")?);
    let wrapped = key_management::wrap(key, alg, enc, &apu, &apv)?;
    header.insert("alg".into(), alg.name().into());
    header.insert("enc".into(), enc.name().into());
    if let Some(kid) = key.kid().filter(|_| !header.contains_key("kid")) {
        header.insert("kid".into(), kid.into());
    }
    for (name, value) in wrapped.header {
        header.insert(name.into(), value);
    }
    header.sort_by_name();
    let aad = crate::base64url::encode(header.to_json().as_bytes());
    let mut iv = alloc::vec![0u8; enc.iv_len()];
    crate::algorithms::random::fill(&mut iv)?;
    let (ciphertext, tag) = content::encrypt(enc, &wrapped.cek, &iv, aad.as_bytes(), plaintext);
    Ok([aad, crate::base64url::encode(&wrapped.encrypted_key), crate::base64url::encode(&iv), crate::base64url::encode(&ciphertext), crate::base64url::encode(&tag)].join("."))
}

/// Encrypts claims (any value that serializes to a JSON object) as a JWE holding a JWT.
/// For a nested JWT, sign first and [`encrypt`] the token with the header `cty: "JWT"`.
/// Feature `serde`; [`encrypt_jwt_json`] takes the claims' JSON text.
#[cfg(all(feature = "rand", feature = "serde"))]
pub fn encrypt_jwt<T: serde::Serialize + ?Sized>(claims: &T, key: &Key, options: &EncryptOptions) -> Result<String, Error> {
    let json = serde_json::to_string(claims).map_err(|e| Error::new(ErrorCode::Malformed, alloc::format!("the claims could not be serialized: {e}")).in_part(Part::Payload))?;
    encrypt_jwt_json(&json, key, options)
}

/// Encrypts claims given as JSON object text (checked strictly, registered claims typed)
/// as a JWE holding a JWT.
#[cfg(feature = "rand")]
pub fn encrypt_jwt_json(claims_json: &str, key: &Key, options: &EncryptOptions) -> Result<String, Error> {
    let claims = json::locate_members(claims_json, claims::REGISTERED)
        .map_err(|e| Error::new(ErrorCode::Malformed, message!("the payload ", e.message)).in_part(Part::Payload))?;
    claims::Registered::read(claims)?;
    encrypt(claims_json.as_bytes(), key, options)
}
