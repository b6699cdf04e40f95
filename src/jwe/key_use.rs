//! Which keys may encrypt and decrypt: encryption JWKs (`use: "enc"`, `key_ops`
//! encrypt/decrypt/wrapKey/unwrapKey/deriveKey, an `alg` of a key management algorithm)
//! are kept apart from signing keys in both directions: a key bound to a signature
//! algorithm never decrypts, and a key bound to encryption never signs (`Key::permits`).

use alloc::string::String;

use super::algorithms::{ContentEncryption, KeyKind, KeyManagement};
use crate::error::{quoted, Error, ErrorCode};
use crate::keys::{Key, Material};

/// What an encryption JWK's `alg` binds it to: a key management algorithm, or (as in
/// RFC 7520 section 5.6, `"alg": "A128GCM"` on a `dir` key) a content encryption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyBinding {
    Alg(KeyManagement),
    Enc(ContentEncryption),
}

impl KeyBinding {
    /// The binding a JWK `alg` names, if it is a JWE name this build supports.
    pub(crate) fn from_name(name: &str) -> Option<KeyBinding> {
        KeyManagement::from_name(name).map(KeyBinding::Alg).or_else(|_| ContentEncryption::from_name(name).map(KeyBinding::Enc)).ok()
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Alg(alg) => alg.name(),
            Self::Enc(enc) => enc.name(),
        }
    }

    /// Whether a key whose material is of `kind` can be bound so.
    pub(crate) fn suits(self, key: &Key) -> bool {
        let alg = match self {
            Self::Alg(alg) => alg,
            Self::Enc(_) => KeyManagement::Dir,
        };
        kind_of(key) == Some(alg.key_kind())
    }
}

fn kind_of(key: &Key) -> Option<KeyKind> {
    match key.material() {
        Material::Hmac(_) => Some(KeyKind::Secret),
        #[cfg(feature = "ecdsa")]
        Material::Ec(_) => Some(KeyKind::Agreement),
        Material::X25519(_) => Some(KeyKind::Agreement),
        #[cfg(feature = "rsa")]
        Material::Rsa(_) => Some(KeyKind::Rsa),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn mismatch(message: String) -> Error {
    Error::new(ErrorCode::KeyMismatch, message)
}

/// Whether `key` may serve `alg` with `enc`, to decrypt or (with `decrypting` false) to encrypt.
pub(crate) fn permits(key: &Key, alg: KeyManagement, enc: ContentEncryption, decrypting: bool) -> Result<(), Error> {
    if let Some(signing) = key.alg() {
        return Err(mismatch(message!("the key is for ", signing, " signatures only (its JWK \"alg\"), never for encryption")));
    }
    if let Some(key_use) = key.key_use().filter(|&u| u != "enc") {
        return Err(mismatch(message!("the key's JWK \"use\" is \"", quoted(key_use), "\", not \"enc\"")));
    }
    let ops: &[&str] = if decrypting { &["decrypt", "unwrapKey", "deriveKey"] } else { &["encrypt", "wrapKey", "deriveKey"] };
    if key.key_ops().is_some_and(|listed| !listed.iter().any(|op| ops.contains(&op.as_str()))) {
        return Err(mismatch(message!("the key's JWK \"key_ops\" includes none of ", ops.join(", "))));
    }
    match key.encryption() {
        Some(KeyBinding::Alg(bound)) if bound != alg => return Err(mismatch(message!("the key is for ", bound, " only (its JWK \"alg\"), but the token uses ", alg))),
        Some(KeyBinding::Enc(bound)) if alg != KeyManagement::Dir || bound != enc => {
            return Err(mismatch(message!("the key is for direct encryption with ", bound, " only (its JWK \"alg\"), but the token uses ", alg, " with ", enc)))
        }
        _ => {}
    }
    if kind_of(key) != Some(alg.key_kind()) {
        let needed = match alg.key_kind() {
            KeyKind::Secret => "a shared secret (kty \"oct\")",
            KeyKind::Agreement if cfg!(feature = "ecdsa") => "an EC key (kty \"EC\") or an X25519 key (kty \"OKP\", crv \"X25519\")",
            KeyKind::Agreement => "an X25519 key (kty \"OKP\", crv \"X25519\")",
            #[cfg(feature = "rsa")]
            KeyKind::Rsa => "an RSA key (kty \"RSA\")",
        };
        return Err(mismatch(message!(alg, " needs ", needed)));
    }
    if let Material::Hmac(secret) = key.material() {
        let needed = if alg == KeyManagement::Dir { enc.key_len() } else { alg.wrap_key_len().expect("a secret-key algorithm wraps") };
        if secret.len() != needed {
            let with = if alg == KeyManagement::Dir { message!(alg, " with ", enc) } else { message!(alg) };
            return Err(mismatch(message!(with, " needs a key of exactly ", needed, " bytes; this key has ", secret.len())));
        }
    }
    Ok(())
}
