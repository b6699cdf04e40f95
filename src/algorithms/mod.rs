//! JWA signature algorithms (RFC 7518 section 3): one table maps each `alg` name to
//! its family and parameters, so that keys, headers and options all agree.

pub(crate) mod hmac;

use alloc::vec::Vec;

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
}

/// The kind of key an algorithm needs; a key of one family never verifies another's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Family {
    /// A shared secret (`kty: "oct"`).
    Hmac,
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

    /// The digest length in bytes (also the minimum HMAC secret length).
    pub fn hash_len(self) -> usize {
        self.spec().hash_len
    }

    /// Looks up an `alg` name exactly (names are case-sensitive, RFC 7515 4.1.1).
    /// `none` and unknown names are `unsupported_alg`.
    pub fn from_name(name: &str) -> Result<Algorithm, Error> {
        if let Some(spec) = TABLE.iter().find(|s| s.name == name) {
            return Ok(spec.alg);
        }
        let shown = crate::error::quoted(name);
        let message = if name.eq_ignore_ascii_case("none") {
            alloc::format!("alg \"{shown}\" (an unsecured token) is never accepted: it carries no signature")
        } else {
            alloc::format!("alg \"{shown}\" is not supported; supported: {}", supported_names())
        };
        Err(Error::new(ErrorCode::UnsupportedAlg, message))
    }
}

impl core::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

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
    }
}

/// Signs `input` with `key`; the caller has already checked that the key permits `alg`.
pub(crate) fn sign(key: &Key, alg: Algorithm, input: &[u8]) -> Result<Vec<u8>, Error> {
    match key.material() {
        Material::Hmac(secret) => secret.sign(alg, input),
    }
}

fn supported_names() -> alloc::string::String {
    TABLE.iter().map(|s| s.name).collect::<alloc::vec::Vec<_>>().join(", ")
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
