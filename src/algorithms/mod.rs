//! JWA signature algorithms (RFC 7518 section 3): one table maps each `alg` name to
//! its family and parameters, so that keys, headers and options all agree.

#[cfg(feature = "ecdsa")]
pub(crate) mod ecdsa;
#[cfg(feature = "eddsa")]
pub(crate) mod eddsa;
pub(crate) mod hmac;
#[cfg(feature = "rand")]
pub(crate) mod random;
#[cfg(feature = "rsa")]
pub(crate) mod rsa;
pub(crate) mod sha;
#[cfg(feature = "jwe")]
pub(crate) mod x25519;

use crate::error::{Error, ErrorCode};
use crate::keys::{Key, Material};

/// A JWS signature algorithm this library knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    #[cfg(feature = "rsa")]
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    #[cfg(feature = "rsa")]
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    #[cfg(feature = "rsa")]
    RS512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt.
    #[cfg(feature = "rsa")]
    PS256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt.
    #[cfg(feature = "rsa")]
    PS384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt.
    #[cfg(feature = "rsa")]
    PS512,
    /// ECDSA with P-256 and SHA-256.
    #[cfg(feature = "ecdsa")]
    ES256,
    /// ECDSA with P-384 and SHA-384.
    #[cfg(feature = "ecdsa")]
    ES384,
    /// ECDSA with P-521 and SHA-512.
    #[cfg(feature = "ecdsa")]
    ES512,
    /// EdDSA (RFC 8037); this library supports it with Ed25519 keys only.
    #[cfg(feature = "eddsa")]
    EdDSA,
    /// Ed25519 by its fully-specified name (RFC 9864), the same signature as `EdDSA` with an Ed25519 key.
    #[cfg(feature = "eddsa")]
    Ed25519,
}

/// The kind of key an algorithm needs; a key of one family never verifies another's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// A shared secret (`kty: "oct"`).
    Hmac,
    /// An RSA key (`kty: "RSA"`), for RS* and PS*.
    #[cfg(feature = "rsa")]
    Rsa,
    /// An elliptic-curve key (`kty: "EC"`); its curve picks the one ES* algorithm it serves.
    #[cfg(feature = "ecdsa")]
    Ecdsa,
    /// An Ed25519 key (`kty: "OKP"`, `crv: "Ed25519"`).
    #[cfg(feature = "eddsa")]
    EdDsa,
    /// An X25519 key (`kty: "OKP"`, `crv: "X25519"`), for ECDH-ES key agreement (JWE) only:
    /// no signature algorithm belongs to this family, so such a key never signs or verifies.
    #[cfg(feature = "jwe")]
    X25519,
}

/// One row of the algorithm table.
struct Spec {
    alg: Algorithm,
    name: &'static str,
    family: Family,
    /// The hash output length in bytes; for HMAC also the minimum secret length (RFC 7518 3.2).
    hash_len: usize,
}

const TABLE: &[Spec] = &[
    Spec { alg: Algorithm::HS256, name: "HS256", family: Family::Hmac, hash_len: 32 },
    Spec { alg: Algorithm::HS384, name: "HS384", family: Family::Hmac, hash_len: 48 },
    Spec { alg: Algorithm::HS512, name: "HS512", family: Family::Hmac, hash_len: 64 },
    #[cfg(feature = "rsa")]
    Spec { alg: Algorithm::RS256, name: "RS256", family: Family::Rsa, hash_len: 32 },
    #[cfg(feature = "rsa")]
    Spec { alg: Algorithm::RS384, name: "RS384", family: Family::Rsa, hash_len: 48 },
    #[cfg(feature = "rsa")]
    Spec { alg: Algorithm::RS512, name: "RS512", family: Family::Rsa, hash_len: 64 },
    #[cfg(feature = "rsa")]
    Spec { alg: Algorithm::PS256, name: "PS256", family: Family::Rsa, hash_len: 32 },
    #[cfg(feature = "rsa")]
    Spec { alg: Algorithm::PS384, name: "PS384", family: Family::Rsa, hash_len: 48 },
    #[cfg(feature = "rsa")]
    Spec { alg: Algorithm::PS512, name: "PS512", family: Family::Rsa, hash_len: 64 },
    #[cfg(feature = "ecdsa")]
    Spec { alg: Algorithm::ES256, name: "ES256", family: Family::Ecdsa, hash_len: 32 },
    #[cfg(feature = "ecdsa")]
    Spec { alg: Algorithm::ES384, name: "ES384", family: Family::Ecdsa, hash_len: 48 },
    #[cfg(feature = "ecdsa")]
    Spec { alg: Algorithm::ES512, name: "ES512", family: Family::Ecdsa, hash_len: 64 },
    #[cfg(feature = "eddsa")]
    Spec { alg: Algorithm::EdDSA, name: "EdDSA", family: Family::EdDsa, hash_len: 64 },
    #[cfg(feature = "eddsa")]
    Spec { alg: Algorithm::Ed25519, name: "Ed25519", family: Family::EdDsa, hash_len: 64 },
];

impl Algorithm {
    /// Every algorithm this build supports, in table order.
    pub fn all() -> impl Iterator<Item = Algorithm> {
        TABLE.iter().map(|s| s.alg)
    }

    fn spec(self) -> &'static Spec {
        TABLE.iter().find(|s| s.alg == self).expect("every algorithm has a table row")
    }

    /// The `alg` header value.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The key family the algorithm needs.
    pub fn family(self) -> Family {
        self.spec().family
    }

    /// The digest length in bytes (also the minimum HMAC secret length and the PSS salt length).
    pub fn hash_len(self) -> usize {
        self.spec().hash_len
    }

    /// Whether two names denote the same signature: equal, or `EdDSA` and `Ed25519`
    /// (RFC 9864 gives EdDSA-with-Ed25519 the fully-specified name `Ed25519`).
    pub(crate) fn same_signature(self, other: Algorithm) -> bool {
        #[cfg(feature = "eddsa")]
        if self.family() == Family::EdDsa && other.family() == Family::EdDsa {
            return true;
        }
        self == other
    }

    /// Looks up an `alg` name exactly (names are case-sensitive, RFC 7515 4.1.1).
    /// `none` and unknown names are `unsupported_alg`.
    pub fn from_name(name: &str) -> Result<Algorithm, Error> {
        if let Some(spec) = TABLE.iter().find(|s| s.name == name) {
            return Ok(spec.alg);
        }
        let shown = crate::error::quoted(name);
        let message = if name.eq_ignore_ascii_case("none") {
            message!("alg \"", shown, "\" (an unsecured token) is never accepted: it carries no signature")
        } else {
            message!("alg \"", shown, "\" is not supported; supported: ", supported_names())
        };
        Err(Error::new(ErrorCode::UnsupportedAlg, message))
    }
}

impl core::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Algorithm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = alloc::string::String::deserialize(d)?;
        Algorithm::from_name(&name).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

/// The signature step on its own: checks `signature` over `input` with `key`.
/// The caller has already checked that the key permits `alg`.
pub(crate) fn verify_signature(key: &Key, alg: Algorithm, input: &[u8], signature: &[u8]) -> Result<(), Error> {
    match key.material() {
        Material::Hmac(secret) => secret.verify(alg, input, signature),
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => rsa.verify(alg, input, signature),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => ec.verify(input, signature),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => ed.verify(alg, input, signature),
        #[cfg(feature = "jwe")]
        Material::X25519(_) => Err(wrong_family(alg)),
    }
}

/// Whether the signature of `alg` may be checked by the platform's crypto (RSA, ECDSA and
/// Ed25519, which native code does faster than wasm: RSA and ECDSA about ten times), after
/// [`check_signature_form`]. HMAC stays in the core: as fast in wasm.
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
pub(crate) fn platform_may_verify(alg: Algorithm) -> bool {
    match alg.family() {
        #[cfg(feature = "rsa")]
        Family::Rsa => true,
        #[cfg(feature = "ecdsa")]
        Family::Ecdsa => true,
        #[cfg(feature = "eddsa")]
        Family::EdDsa => true,
        _ => false,
    }
}

/// The checks the core makes of a signature before the arithmetic, also when the platform
/// does the arithmetic: its length for the key; for ECDSA, r and s in `1..n`; for Ed25519,
/// S below the group order and R not the identity.
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
pub(crate) fn check_signature_form(key: &Key, alg: Algorithm, signature: &[u8]) -> Result<(), Error> {
    match key.material() {
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => rsa.check_form(alg, signature),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => ec.check_form(signature),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => ed.check_form(alg, signature),
        _ => Err(wrong_family(alg)),
    }
}

/// The public key as SPKI DER, for the platform's crypto to import, when its signatures
/// may be checked there (RSA and EC keys, and Ed25519 keys whose every verdict the
/// platform shares with the core: `Ed25519Key::platform_spki_der`).
#[cfg(all(feature = "wasm", any(feature = "rsa", feature = "ecdsa")))]
pub(crate) fn platform_public_key(key: &Key) -> Option<alloc::vec::Vec<u8>> {
    match key.material() {
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => rsa.spki_der().ok(),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => ec.spki_der().ok(),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => ed.platform_spki_der(),
        _ => None,
    }
}

/// The private key as PKCS#8 DER, for the platform's crypto to sign with (RSA, EC and
/// Ed25519 private keys); `None` for a secret, a public key or an X25519 key (which never signs).
#[cfg(all(feature = "wasm", feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
pub(crate) fn platform_private_key(key: &Key) -> Option<zeroize::Zeroizing<alloc::vec::Vec<u8>>> {
    match key.material() {
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => rsa.pkcs8_der()?.ok(),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => ec.pkcs8_der()?.ok(),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => ed.pkcs8_der()?.ok(),
        Material::Hmac(_) => None,
        #[cfg(feature = "jwe")]
        Material::X25519(_) => None,
    }
}

/// The error for reading a private key (`what`) in a build without signing, which reads
/// public keys and HMAC secrets only: the code and tables of private keys stay out of it.
/// It names the npm package's signing entry too: the package's default entry is such a build.
#[cfg(all(not(feature = "sign"), feature = "pem"))]
pub(crate) fn private_keys_not_read(what: &str) -> Error {
    Error::new(
        ErrorCode::UnsupportedAlg,
        message!(what, " is a private key, which this build does not read: it only verifies (to sign or read private keys, import from \"wasm-jwt/sign\" in JavaScript, or enable the crate's \"sign\" feature in Rust)"),
    )
}

/// The error for an algorithm that reached a key of another family; `Key::permits` prevents it.
pub(crate) fn wrong_family(alg: Algorithm) -> Error {
    Error::new(ErrorCode::KeyMismatch, message!(alg, " needs a different kind of key"))
}

/// The error for signing with a public key; `Key::permits` reports it first with more context.
#[cfg(all(feature = "sign", any(feature = "rsa", feature = "ecdsa", feature = "eddsa")))]
pub(crate) fn public_cannot_sign(alg: Algorithm) -> Error {
    Error::new(ErrorCode::KeyMismatch, message!("a public key cannot sign; ", alg, " signing needs the private key"))
}

/// Signs `input` with `key`; the caller has already checked that the key permits `alg`.
#[cfg(feature = "sign")]
pub(crate) fn sign(key: &Key, alg: Algorithm, input: &[u8]) -> Result<alloc::vec::Vec<u8>, Error> {
    match key.material() {
        Material::Hmac(secret) => secret.sign(alg, input),
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => rsa.sign(alg, input),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => ec.sign(input),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => ed.sign(input),
        #[cfg(feature = "jwe")]
        Material::X25519(_) => Err(wrong_family(alg)),
    }
}

fn supported_names() -> alloc::string::String {
    crate::message::list(TABLE.iter().map(|s| s.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for alg in Algorithm::all() {
            assert_eq!(Algorithm::from_name(alg.name()).unwrap(), alg);
        }
    }

    #[test]
    fn none_and_case_variants_are_refused() {
        for name in ["none", "None", "NONE", "nOnE", "hs256", "HS256 ", ""] {
            let e = Algorithm::from_name(name).unwrap_err();
            assert_eq!(e.code(), ErrorCode::UnsupportedAlg, "{name}");
        }
        assert!(Algorithm::from_name("none").unwrap_err().message().contains("never accepted"));
    }
}
