//! Keys and key sets. A key carries its family (which decides the algorithms it
//! can ever be used with) and the JWK restrictions `alg`, `use` and `key_ops`.

mod jwk;
mod key_text;
#[cfg(feature = "pem")]
mod pem;

#[cfg(feature = "wasm")]
pub(crate) use jwk::sha256_base64url;

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa", feature = "jwe"))]
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

#[cfg(feature = "ecdsa")]
use crate::algorithms::ecdsa::EcKey;
#[cfg(feature = "eddsa")]
use crate::algorithms::eddsa::Ed25519Key;
use crate::algorithms::hmac::HmacKey;
#[cfg(feature = "rsa")]
use crate::algorithms::rsa::RsaKey;
#[cfg(feature = "jwe")]
use crate::algorithms::x25519::X25519Key;
use crate::algorithms::{Algorithm, Family};
use crate::error::{Error, ErrorCode};

/// What a key is being used for; checked against the JWK `key_ops`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    /// Producing a signature.
    Sign,
    /// Checking a signature.
    Verify,
}

impl Operation {
    fn key_op(self) -> &'static str {
        match self {
            Self::Sign => "sign",
            Self::Verify => "verify",
        }
    }
}

// The asymmetric keys are boxed, so that a key holds only as much memory as its own kind
// needs: inline, every HMAC key took the room of the largest (hundreds of bytes in wasm).
#[derive(Clone, Debug)]
pub(crate) enum Material {
    Hmac(HmacKey),
    #[cfg(feature = "rsa")]
    Rsa(Box<RsaKey>),
    #[cfg(feature = "ecdsa")]
    Ec(Box<EcKey>),
    #[cfg(feature = "eddsa")]
    Ed25519(Box<Ed25519Key>),
    #[cfg(feature = "jwe")]
    X25519(Box<X25519Key>),
}

impl Material {
    #[cfg(feature = "rsa")]
    pub(crate) fn rsa(key: RsaKey) -> Self {
        Self::Rsa(Box::new(key))
    }

    #[cfg(feature = "ecdsa")]
    pub(crate) fn ec(key: EcKey) -> Self {
        Self::Ec(Box::new(key))
    }

    #[cfg(feature = "eddsa")]
    pub(crate) fn ed25519(key: Ed25519Key) -> Self {
        Self::Ed25519(Box::new(key))
    }

    #[cfg(feature = "jwe")]
    pub(crate) fn x25519(key: X25519Key) -> Self {
        Self::X25519(Box::new(key))
    }
}

/// A key for signing or verifying tokens.
///
/// ```
/// use wasm_jwt::Key;
/// let key = Key::hmac(b"a secret of at least 32 bytes for HS256!")?;
/// assert_eq!(key.alg(), None);
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Key {
    material: Material,
    alg: Option<Algorithm>,
    kid: Option<String>,
    key_use: Option<String>,
    key_ops: Option<Vec<String>>,
    /// An encryption JWK's `alg` (a key management or content encryption algorithm).
    #[cfg(feature = "jwe")]
    encryption: Option<crate::jwe::KeyBinding>,
}

impl Key {
    /// An HMAC secret, as raw bytes (a string secret is its UTF-8 bytes).
    ///
    /// Key text is refused with `invalid_key`, so that a public key can never be turned
    /// into an HMAC secret by mistake or by attack: bytes holding a PEM block anywhere,
    /// and JSON that is a JWK, a JWKS or an array of JWKs, read leniently (a BOM, Unicode
    /// whitespace and duplicate members do not hide it). Other JSON is an odd but valid
    /// secret. An empty secret is `weak_key`; a secret shorter than an algorithm's hash is
    /// `weak_key` when that algorithm is used (RFC 7518 section 3.2).
    pub fn hmac(secret: &[u8]) -> Result<Key, Error> {
        key_text::refuse_as_secret(secret)?;
        Ok(Self::from_material(Material::Hmac(HmacKey::new(secret)?)))
    }

    /// A key from a JSON Web Key (RFC 7517) in JSON text. With the `jwe` feature, a JWK
    /// `alg` may also name a JWE key management algorithm (or, for a `dir` secret, a content
    /// encryption), which binds the key to encryption: it then never signs or verifies.
    /// With `jwe`, X25519 keys (`kty` "OKP", `crv` "X25519") are read too: they only serve ECDH-ES.
    ///
    /// ```
    /// use wasm_jwt::Key;
    /// let key = Key::from_jwk(r#"{"kty":"oct","kid":"k1","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#)?;
    /// assert_eq!(key.kid(), Some("k1"));
    /// # Ok::<(), wasm_jwt::Error>(())
    /// ```
    pub fn from_jwk(json: &str) -> Result<Key, Error> {
        jwk::parse_key(json.as_bytes())
    }

    /// A key from PEM text: `PUBLIC KEY` (SPKI), `PRIVATE KEY` (PKCS#8), `RSA PUBLIC KEY`
    /// and `RSA PRIVATE KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1), or the public key of a
    /// `CERTIFICATE` (X.509; the certificate itself is not checked). Text around the
    /// first PEM block is ignored; encrypted private keys are refused.
    ///
    /// ```
    /// use wasm_jwt::{Algorithm, Key};
    /// let key = Key::from_pem("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n")?;
    /// assert_eq!(key.default_alg(), Some(Algorithm::EdDSA));
    /// # Ok::<(), wasm_jwt::Error>(())
    /// ```
    #[cfg(feature = "pem")]
    pub fn from_pem(pem: &str) -> Result<Key, Error> {
        pem::parse_key(pem).map(Self::from_material)
    }

    /// The key as JWK JSON text. A key's private members are only included with
    /// `include_private`; a shared secret has no public form, so it needs it too.
    /// The key's `kid`, `alg`, `use` and `key_ops` are kept.
    pub fn to_jwk(&self, include_private: bool) -> Result<String, Error> {
        jwk::write_key(self, include_private)
    }

    /// The key as PEM text: `PUBLIC KEY` (SPKI) for a public key, `PRIVATE KEY`
    /// (PKCS#8) for a private key. A shared secret has no PEM form (`invalid_key`).
    #[cfg(feature = "pem")]
    pub fn to_pem(&self) -> Result<String, Error> {
        pem::write_key(&self.material)
    }

    /// The RFC 7638 JWK thumbprint: SHA-256 over the key's required public members,
    /// as base64url. A private key has the thumbprint of its public key.
    pub fn thumbprint(&self) -> Result<String, Error> {
        jwk::thumbprint(self)
    }

    /// A new random key for `alg`, bound to it (its `alg` is set): a secret as long as
    /// the hash for HS*, a key on the algorithm's curve for ES*, an Ed25519 key for
    /// EdDSA, and a 2048-bit key for RS*/PS* (slow: seconds, more in wasm).
    #[cfg(feature = "rand")]
    pub fn generate(alg: Algorithm) -> Result<Key, Error> {
        let material = match alg.family() {
            Family::Hmac => {
                let mut secret = zeroize::Zeroizing::new(alloc::vec![0u8; alg.hash_len()]);
                crate::algorithms::random::fill(&mut secret)?;
                Material::Hmac(HmacKey::new(&secret)?)
            }
            #[cfg(feature = "rsa")]
            Family::Rsa => Material::rsa(RsaKey::generate()?),
            #[cfg(feature = "ecdsa")]
            Family::Ecdsa => Material::ec(EcKey::generate(crate::algorithms::ecdsa::Curve::for_alg(alg))?),
            #[cfg(feature = "eddsa")]
            Family::EdDsa => Material::ed25519(Ed25519Key::generate()?),
            #[cfg(feature = "jwe")]
            Family::X25519 => unreachable!("no signature algorithm belongs to the X25519 family"),
        };
        Ok(Key { alg: Some(alg), ..Self::from_material(material) })
    }

    fn from_material(material: Material) -> Key {
        Key {
            material,
            alg: None,
            kid: None,
            key_use: None,
            key_ops: None,
            #[cfg(feature = "jwe")]
            encryption: None,
        }
    }

    /// The algorithm the key is bound to (a JWK's `alg`), if any.
    pub fn alg(&self) -> Option<Algorithm> {
        self.alg
    }

    /// The key ID (a JWK's `kid`), if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The algorithm family the key belongs to.
    pub fn family(&self) -> Family {
        match self.material {
            Material::Hmac(_) => Family::Hmac,
            #[cfg(feature = "rsa")]
            Material::Rsa(_) => Family::Rsa,
            #[cfg(feature = "ecdsa")]
            Material::Ec(_) => Family::Ecdsa,
            #[cfg(feature = "eddsa")]
            Material::Ed25519(_) => Family::EdDsa,
            #[cfg(feature = "jwe")]
            Material::X25519(_) => Family::X25519,
        }
    }

    /// Whether the key can sign: a shared secret, or a private key.
    pub fn is_private(&self) -> bool {
        match &self.material {
            Material::Hmac(_) => true,
            #[cfg(feature = "rsa")]
            Material::Rsa(rsa) => rsa.is_private(),
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => ec.is_private(),
            #[cfg(feature = "eddsa")]
            Material::Ed25519(ed) => ed.is_private(),
            #[cfg(feature = "jwe")]
            Material::X25519(x) => x.is_private(),
        }
    }

    pub(crate) fn material(&self) -> &Material {
        &self.material
    }

    /// The JWK `use`, if any.
    #[cfg(feature = "jwe")]
    pub(crate) fn key_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }

    /// The JWK `key_ops`, if any.
    #[cfg(feature = "jwe")]
    pub(crate) fn key_ops(&self) -> Option<&[String]> {
        self.key_ops.as_deref()
    }

    /// The encryption algorithm an encryption JWK's `alg` binds the key to, if any.
    #[cfg(feature = "jwe")]
    pub(crate) fn encryption(&self) -> Option<crate::jwe::KeyBinding> {
        self.encryption
    }

    /// The algorithm `sign` uses when none is asked for: the key's own `alg`, else
    /// HS256 for a secret, RS256 for RSA, the curve's ES* for EC, EdDSA for Ed25519;
    /// `None` for an X25519 key, which never signs.
    pub fn default_alg(&self) -> Option<Algorithm> {
        self.alg.or_else(|| match &self.material {
            #[cfg(feature = "ecdsa")]
            Material::Ec(ec) => Some(ec.curve().alg()),
            _ => Algorithm::all().find(|a| a.family() == self.family()),
        })
    }

    /// The error for signing, with no algorithm asked for, with a key that has no default one (X25519).
    #[cfg(feature = "sign")]
    pub(crate) fn never_signs(&self) -> Error {
        Error::new(ErrorCode::KeyMismatch, message!("the key is ", family_name(self.family()), ": it never signs"))
    }

    /// Whether the key's material can serve `alg` at all: same family, and for EC the key's curve.
    fn suits(&self, alg: Algorithm) -> Result<(), Error> {
        if alg.family() != self.family() {
            return Err(Error::new(
                ErrorCode::KeyMismatch,
                message!(alg, " needs a different kind of key than the one given (", family_name(self.family()), ")"),
            ));
        }
        #[cfg(feature = "ecdsa")]
        if let Material::Ec(ec) = &self.material {
            if ec.curve().alg() != alg {
                return Err(Error::new(
                    ErrorCode::KeyMismatch,
                    message!("the key is on the curve ", ec.curve().jwk_name(), ", which serves ", ec.curve().alg(), " only, not ", alg),
                ));
            }
        }
        Ok(())
    }

    /// Whether this key may be used with `alg` for `op`: same family (and curve),
    /// the JWK's `alg` if it has one, `use` "sig", `key_ops` listing the operation,
    /// and a private key to sign.
    pub(crate) fn permits(&self, alg: Algorithm, op: Operation) -> Result<(), Error> {
        let mismatch = |why: String| Err(Error::new(ErrorCode::KeyMismatch, why));
        #[cfg(feature = "jwe")]
        if let Some(bound) = self.encryption {
            return mismatch(message!("the key is for encryption only (its JWK \"alg\" is ", bound.name(), "), never for ", alg, " signatures"));
        }
        self.suits(alg)?;
        if let Some(bound) = self.alg.filter(|&bound| !bound.same_signature(alg)) {
            return mismatch(message!("the key is for ", bound, " only (its JWK \"alg\"), but ", alg, " was asked for"));
        }
        if let Some(key_use) = self.key_use.as_deref().filter(|&u| u != "sig") {
            return mismatch(message!("the key's JWK \"use\" is \"", crate::error::quoted(key_use), "\", not \"sig\""));
        }
        // The list itself is left out: printing it with `{:?}` cost the HMAC-only wasm 1.1 KB.
        if self.key_ops.as_ref().is_some_and(|ops| !ops.iter().any(|o| o == op.key_op())) {
            return mismatch(message!("the key's JWK \"key_ops\" does not include \"", op.key_op(), "\""));
        }
        if op == Operation::Sign && !self.is_private() {
            return mismatch(message!("this is a public key, which can only verify; signing with ", alg, " needs the private key"));
        }
        Ok(())
    }
}

/// How messages name a family.
fn family_name(family: Family) -> &'static str {
    match family {
        Family::Hmac => "a shared secret",
        #[cfg(feature = "rsa")]
        Family::Rsa => "an RSA key",
        #[cfg(feature = "ecdsa")]
        Family::Ecdsa => "an EC key",
        #[cfg(feature = "eddsa")]
        Family::EdDsa => "an Ed25519 key",
        #[cfg(feature = "jwe")]
        Family::X25519 => "an X25519 key, which only serves ECDH-ES encryption",
    }
}

/// The most keys a JWKS may hold. Identity providers publish a handful; every key is
/// read (an RSA key's checks cost real work) when the set is loaded, so a set of
/// thousands is refused rather than read.
pub const MAX_JWKS_KEYS: usize = 100;

/// A JSON Web Key Set (RFC 7517 section 5). Keys are selected by the token's `kid`.
///
/// A token with a `kid` is checked only against the key with exactly that `kid`.
/// A token without one is checked against the key whose family, `alg`, `use` and
/// `key_ops` suit the token's `alg`; if several suit it, the token is refused
/// (`key_not_found`) unless `VerifyOptions::max_keys_tried` allows trying that many.
#[derive(Clone, Debug)]
pub struct KeySet {
    entries: Vec<Entry>,
}

/// A member of the set; one this build cannot use keeps its error for when a token asks for it.
#[derive(Clone, Debug)]
struct Entry {
    kid: Option<String>,
    key: Result<Key, Error>,
}

impl KeySet {
    /// A key set from a JWKS (`{"keys": [...]}`) in JSON text. Keys sharing a `kid`
    /// make the set invalid, since selection by `kid` would be ambiguous; more than
    /// [`MAX_JWKS_KEYS`] keys make it `too_large`.
    pub fn from_jwks(json: &str) -> Result<KeySet, Error> {
        jwk::parse_set(json.as_bytes())
    }

    /// How many keys the set holds (including ones this build cannot use).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the set holds no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys to try for a token with this `kid` and `alg`, each already checked to
    /// suit it: the one key with the `kid`, or for a token without one the suitable
    /// keys, if there are no more than `max_keys_tried`.
    pub(crate) fn candidates(&self, kid: Option<&str>, alg: Algorithm, op: Operation, max_keys_tried: usize) -> Result<Vec<&Key>, Error> {
        self.candidates_where(kid, alg.name(), |key| key.permits(alg, op), max_keys_tried)
    }

    /// [`Self::candidates`] for any use of a key: `permits` says whether a key may serve
    /// the token, whose algorithms `what` names.
    pub(crate) fn candidates_where(
        &self,
        kid: Option<&str>,
        what: &str,
        permits: impl Fn(&Key) -> Result<(), Error>,
        max_keys_tried: usize,
    ) -> Result<Vec<&Key>, Error> {
        let Some(kid) = kid else { return self.suitable_keys(what, permits, max_keys_tried) };
        let entry = self.entries.iter().find(|e| e.kid.as_deref() == Some(kid)).ok_or_else(|| {
            Error::new(ErrorCode::KeyNotFound, message!("no key in the set has kid \"", crate::error::quoted(kid), "\""))
        })?;
        let key = entry.key.as_ref().map_err(Clone::clone)?;
        permits(key)?;
        Ok(alloc::vec![key])
    }

    /// Where `key`, one of this set's keys, stands in it.
    #[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
    pub(crate) fn position(&self, key: &Key) -> Option<usize> {
        self.entries.iter().position(|e| e.key.as_ref().is_ok_and(|k| core::ptr::eq(k, key)))
    }

    /// The usable key at `index`, if there is one.
    #[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
    pub(crate) fn key_at(&self, index: usize) -> Option<&Key> {
        self.entries.get(index)?.key.as_ref().ok()
    }

    /// The keys that suit a token without `kid`. More than `max_keys_tried` is refused
    /// rather than tried: each try is a signature check an attacker gets for free (jose
    /// refuses the same way, with JWKSMultipleMatchingKeys).
    fn suitable_keys(&self, alg: &str, permits: impl Fn(&Key) -> Result<(), Error>, max_keys_tried: usize) -> Result<Vec<&Key>, Error> {
        let keys: Vec<&Key> = self.entries.iter().filter_map(|e| e.key.as_ref().ok()).filter(|k| permits(k).is_ok()).collect();
        match keys.len() {
            0 => Err(Error::new(ErrorCode::KeyNotFound, message!("the token has no kid and no key in the set suits ", alg))),
            n if n > max_keys_tried => Err(Error::new(
                ErrorCode::KeyNotFound,
                message!("the token has no kid and ", n, " keys in the set suit ", alg, "; give the token a kid, or allow trying several keys with the maxKeysTried option"),
            )),
            _ => Ok(keys),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use super::*;

    #[test]
    fn secrets_that_are_keys_are_refused() {
        let pem = b"-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n";
        assert_eq!(Key::hmac(pem).unwrap_err().code(), ErrorCode::InvalidKey);
        assert_eq!(Key::hmac(b"  \n-----BEGIN CERTIFICATE-----").unwrap_err().code(), ErrorCode::InvalidKey);
        let jwk = br#" {"kty":"RSA","n":"AQAB","e":"AQAB"} "#;
        assert_eq!(Key::hmac(jwk).unwrap_err().code(), ErrorCode::InvalidKey);
        // JSON that is not a JWK is an odd secret but not a key.
        assert!(Key::hmac(br#"{"not":"a key, just a long secret string"}"#).is_ok());
    }

    /// Key text that once passed as a secret: a PEM block after a BOM, comments, OpenSSL's
    /// "Bag Attributes", U+00A0 or `\v`; a JWK after a BOM or with a member twice; a JWKS;
    /// an array of JWKs. As bytes, the way the JS side passes strings.
    #[test]
    fn key_text_variants_are_refused_as_secrets() {
        let pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
        let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
        let variants = [
            format!("\u{feff}{pem}"),
            format!("# signing key, rotated 2024-01\n{pem}"),
            format!("Bag Attributes\n    friendlyName: api\n    localKeyID: 01 00 00 00\n{pem}"),
            format!("\u{a0}{pem}"),
            format!("\x0b{pem}"),
            format!("\u{feff}{jwk}"),
            r#"{"kty":"OKP","crv":"Ed25519","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#.into(),
            format!(r#"{{"keys":[{jwk}]}}"#),
            format!("[{jwk},{jwk}]"),
        ];
        for secret in variants {
            let e = Key::hmac(secret.as_bytes()).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidKey, "{secret:?}");
            assert!(e.message().contains("never an HMAC secret"), "{secret:?}: {e}");
        }
    }

    #[test]
    fn a_token_without_kid_gets_one_suitable_key_unless_more_are_allowed() {
        let set = KeySet::from_jwks(r#"{"keys":[{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","kid":"a"},{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"}]}"#).unwrap();
        let e = set.candidates(None, Algorithm::HS256, Operation::Verify, 1).unwrap_err();
        assert_eq!(e.code(), ErrorCode::KeyNotFound);
        assert_eq!(
            e.message(),
            "the token has no kid and 2 keys in the set suit HS256; give the token a kid, or allow trying several keys with the maxKeysTried option"
        );
        assert_eq!(set.candidates(None, Algorithm::HS256, Operation::Verify, 2).unwrap().len(), 2);
        // A kid still selects exactly its key, whatever the limit.
        assert_eq!(set.candidates(Some("a"), Algorithm::HS256, Operation::Verify, 1).unwrap().len(), 1);
        // Keys that do not suit the alg are not counted.
        let bound = KeySet::from_jwks(r#"{"keys":[{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","alg":"HS384"},{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}"#).unwrap();
        assert_eq!(bound.candidates(None, Algorithm::HS256, Operation::Verify, 1).unwrap().len(), 1);
    }

    #[test]
    fn permits_checks_family_alg_use_and_ops() {
        let k = Key::from_jwk(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","alg":"HS256","use":"sig","key_ops":["verify"]}"#).unwrap();
        assert!(k.permits(Algorithm::HS256, Operation::Verify).is_ok());
        assert_eq!(k.permits(Algorithm::HS384, Operation::Verify).unwrap_err().code(), ErrorCode::KeyMismatch);
        assert_eq!(k.permits(Algorithm::HS256, Operation::Sign).unwrap_err().code(), ErrorCode::KeyMismatch);
        let enc = Key::from_jwk(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","use":"enc"}"#).unwrap();
        assert_eq!(enc.permits(Algorithm::HS256, Operation::Verify).unwrap_err().code(), ErrorCode::KeyMismatch);
    }

    #[cfg(feature = "rand")]
    #[test]
    fn generated_keys_are_bound_to_their_algorithm_and_round_trip() {
        use crate::{sign_json, verify, SignOptions, VerifyOptions};
        for alg in Algorithm::all() {
            let key = Key::generate(alg).unwrap();
            assert_eq!((key.alg(), key.default_alg(), key.is_private()), (Some(alg), Some(alg), true), "{alg}");
            let token = sign_json(r#"{"sub":"a"}"#, &key, &SignOptions::default()).unwrap();
            let jwk = key.to_jwk(true).unwrap();
            let again = Key::from_jwk(&jwk).unwrap();
            assert_eq!(again.to_jwk(true).unwrap(), jwk, "{alg}");
            let verifier = if alg.family() == Family::Hmac { again } else { Key::from_jwk(&key.to_jwk(false).unwrap()).unwrap() };
            assert_eq!(verify(&token, &verifier, &VerifyOptions::default()).unwrap().alg(), alg);
            assert_ne!(Key::generate(alg).unwrap().thumbprint().unwrap(), key.thumbprint().unwrap(), "{alg}: keys differ");
        }
    }

    #[test]
    fn secrets_export_only_with_their_private_members() {
        let k = Key::from_jwk(r#"{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","kid":"s"}"#).unwrap();
        assert_eq!(k.to_jwk(false).unwrap_err().code(), ErrorCode::InvalidKey);
        assert_eq!(k.to_jwk(true).unwrap(), r#"{"k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","kid":"s","kty":"oct"}"#);
        // RFC 7638 section 3.1 shape for a secret: {"k":...,"kty":"oct"}.
        assert_eq!(k.thumbprint().unwrap().len(), 43);
        #[cfg(feature = "pem")]
        assert_eq!(k.to_pem().unwrap_err().code(), ErrorCode::InvalidKey);
    }
}
