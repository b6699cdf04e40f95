//! The JWE algorithm names (RFC 7518 sections 4 and 5): key management `alg` and
//! content encryption `enc`, each with the key sizes it needs.


use crate::error::{quoted, Error, ErrorCode};

/// A key management algorithm (the JWE header `alg`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyManagement {
    /// The shared key is the content encryption key.
    Dir,
    /// AES Key Wrap (RFC 3394) with a 128-bit key.
    A128KW,
    /// AES Key Wrap with a 192-bit key.
    A192KW,
    /// AES Key Wrap with a 256-bit key.
    A256KW,
    /// AES-GCM key wrap with a 128-bit key (`iv` and `tag` in the header).
    A128GCMKW,
    /// AES-GCM key wrap with a 192-bit key.
    A192GCMKW,
    /// AES-GCM key wrap with a 256-bit key.
    A256GCMKW,
    /// ECDH-ES: the content key is derived directly (Concat KDF) from the agreement.
    EcdhEs,
    /// ECDH-ES, then AES Key Wrap with a derived 128-bit key.
    EcdhEsA128KW,
    /// ECDH-ES, then AES Key Wrap with a derived 192-bit key.
    EcdhEsA192KW,
    /// ECDH-ES, then AES Key Wrap with a derived 256-bit key.
    EcdhEsA256KW,
    /// RSAES-OAEP with SHA-1 and MGF1 with SHA-1 (the RFC's defaults).
    #[cfg(feature = "rsa")]
    RsaOaep,
    /// RSAES-OAEP with SHA-256 and MGF1 with SHA-256.
    #[cfg(feature = "rsa")]
    RsaOaep256,
}

/// A content encryption algorithm (the JWE header `enc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ContentEncryption {
    /// AES-GCM with a 128-bit key.
    A128GCM,
    /// AES-GCM with a 192-bit key.
    A192GCM,
    /// AES-GCM with a 256-bit key.
    A256GCM,
    /// AES-128-CBC with HMAC-SHA-256 truncated to 128 bits (a 256-bit key).
    A128CbcHs256,
    /// AES-192-CBC with HMAC-SHA-384 truncated to 192 bits (a 384-bit key).
    A192CbcHs384,
    /// AES-256-CBC with HMAC-SHA-512 truncated to 256 bits (a 512-bit key).
    A256CbcHs512,
}

const KEY_MANAGEMENT: &[(KeyManagement, &str)] = &[
    (KeyManagement::Dir, "dir"),
    (KeyManagement::A128KW, "A128KW"),
    (KeyManagement::A192KW, "A192KW"),
    (KeyManagement::A256KW, "A256KW"),
    (KeyManagement::A128GCMKW, "A128GCMKW"),
    (KeyManagement::A192GCMKW, "A192GCMKW"),
    (KeyManagement::A256GCMKW, "A256GCMKW"),
    (KeyManagement::EcdhEs, "ECDH-ES"),
    (KeyManagement::EcdhEsA128KW, "ECDH-ES+A128KW"),
    (KeyManagement::EcdhEsA192KW, "ECDH-ES+A192KW"),
    (KeyManagement::EcdhEsA256KW, "ECDH-ES+A256KW"),
    #[cfg(feature = "rsa")]
    (KeyManagement::RsaOaep, "RSA-OAEP"),
    #[cfg(feature = "rsa")]
    (KeyManagement::RsaOaep256, "RSA-OAEP-256"),
];

const CONTENT_ENCRYPTION: &[(ContentEncryption, &str)] = &[
    (ContentEncryption::A128GCM, "A128GCM"),
    (ContentEncryption::A192GCM, "A192GCM"),
    (ContentEncryption::A256GCM, "A256GCM"),
    (ContentEncryption::A128CbcHs256, "A128CBC-HS256"),
    (ContentEncryption::A192CbcHs384, "A192CBC-HS384"),
    (ContentEncryption::A256CbcHs512, "A256CBC-HS512"),
];

/// The kind of key a key management algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Secret,
    /// An EC key (P-256, P-384, P-521) or an X25519 key, for ECDH-ES.
    Agreement,
    #[cfg(feature = "rsa")]
    Rsa,
}

impl KeyManagement {
    /// Every key management algorithm this build supports.
    pub fn all() -> impl Iterator<Item = KeyManagement> {
        KEY_MANAGEMENT.iter().map(|(alg, _)| *alg)
    }

    /// The `alg` header value.
    pub fn name(self) -> &'static str {
        KEY_MANAGEMENT.iter().find(|(alg, _)| *alg == self).expect("every algorithm has a name").1
    }

    /// Looks up an `alg` name exactly. `RSA1_5` and `PBES2-*` are refused with the reason.
    pub fn from_name(name: &str) -> Result<KeyManagement, Error> {
        if let Some((alg, _)) = KEY_MANAGEMENT.iter().find(|(_, n)| *n == name) {
            return Ok(*alg);
        }
        let shown = quoted(name);
        let message = if name == "RSA1_5" {
            "alg \"RSA1_5\" is refused: RSA PKCS#1 v1.5 key encryption exposes a padding oracle (Bleichenbacher); use RSA-OAEP-256".into()
        } else if name.starts_with("PBES2-") {
            message!("alg \"", shown, "\" is refused: password-based key wrapping lets the token choose an unbounded iteration count")
        } else if crate::Algorithm::from_name(name).is_ok() {
            message!("alg \"", shown, "\" is a signature algorithm: this token's header does not describe an encrypted token")
        } else {
            message!("the JWE alg \"", shown, "\" is not supported; supported: ", names(KEY_MANAGEMENT))
        };
        Err(Error::new(ErrorCode::UnsupportedAlg, message))
    }

    /// The length of the key-encryption key for the AES wraps (the shared key, or the derived one).
    pub(crate) fn wrap_key_len(self) -> Option<usize> {
        match self {
            Self::A128KW | Self::A128GCMKW => Some(16),
            Self::A192KW | Self::A192GCMKW => Some(24),
            Self::A256KW | Self::A256GCMKW => Some(32),
            Self::EcdhEsA128KW => Some(16),
            Self::EcdhEsA192KW => Some(24),
            Self::EcdhEsA256KW => Some(32),
            _ => None,
        }
    }

    pub(crate) fn key_kind(self) -> KeyKind {
        match self {
            Self::EcdhEs | Self::EcdhEsA128KW | Self::EcdhEsA192KW | Self::EcdhEsA256KW => KeyKind::Agreement,
            #[cfg(feature = "rsa")]
            Self::RsaOaep | Self::RsaOaep256 => KeyKind::Rsa,
            _ => KeyKind::Secret,
        }
    }

    /// Whether the token carries no encrypted key (the content key is the shared or agreed one).
    pub(crate) fn is_direct(self) -> bool {
        matches!(self, Self::Dir | Self::EcdhEs)
    }
}

impl ContentEncryption {
    /// Every content encryption algorithm.
    pub fn all() -> impl Iterator<Item = ContentEncryption> {
        CONTENT_ENCRYPTION.iter().map(|(enc, _)| *enc)
    }

    /// The `enc` header value.
    pub fn name(self) -> &'static str {
        CONTENT_ENCRYPTION.iter().find(|(enc, _)| *enc == self).expect("every algorithm has a name").1
    }

    /// Looks up an `enc` name exactly.
    pub fn from_name(name: &str) -> Result<ContentEncryption, Error> {
        CONTENT_ENCRYPTION.iter().find(|(_, n)| *n == name).map(|(enc, _)| *enc).ok_or_else(|| {
            Error::new(ErrorCode::UnsupportedAlg, message!("the JWE enc \"", quoted(name), "\" is not supported; supported: ", names(CONTENT_ENCRYPTION)))
        })
    }

    /// The content encryption key's length in bytes (for CBC-HMAC, both halves).
    pub fn key_len(self) -> usize {
        match self {
            Self::A128GCM => 16,
            Self::A192GCM => 24,
            Self::A256GCM | Self::A128CbcHs256 => 32,
            Self::A192CbcHs384 => 48,
            Self::A256CbcHs512 => 64,
        }
    }

    /// The initialization vector's length in bytes.
    pub(crate) fn iv_len(self) -> usize {
        match self {
            Self::A128GCM | Self::A192GCM | Self::A256GCM => 12,
            _ => 16,
        }
    }

    /// The authentication tag's length in bytes.
    pub(crate) fn tag_len(self) -> usize {
        match self {
            Self::A128GCM | Self::A192GCM | Self::A256GCM => 16,
            other => other.key_len() / 2,
        }
    }
}

fn names<T>(table: &[(T, &str)]) -> alloc::string::String {
    table.iter().map(|(_, n)| *n).collect::<alloc::vec::Vec<_>>().join(", ")
}

impl crate::message::Piece for KeyManagement {
    fn append_to(&self, out: &mut alloc::string::String) {
        out.push_str(self.name());
    }
}

impl crate::message::Piece for ContentEncryption {
    fn append_to(&self, out: &mut alloc::string::String) {
        out.push_str(self.name());
    }
}

impl core::fmt::Display for KeyManagement {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

impl core::fmt::Display for ContentEncryption {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
