//! EdDSA with Ed25519 (RFC 8037; `alg` "EdDSA", or "Ed25519" per RFC 9864) on `ed25519-dalek`.
//!
//! Verification is `verify_strict`: it refuses small-order public keys and
//! non-canonical signatures, which no honest signer produces.

use alloc::vec::Vec;

use ed25519_dalek::pkcs8::{DecodePublicKey, EncodePublicKey};
#[cfg(feature = "sign")]
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
#[cfg(feature = "sign")]
use ed25519_dalek::Signer;
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
#[cfg(feature = "sign")]
use zeroize::Zeroizing;

#[cfg(feature = "sign")]
use super::Algorithm;
use crate::error::{Error, ErrorCode};

/// The length of a public key, of a private key (its seed) and of each half of a signature.
pub(crate) const KEY_LEN: usize = 32;

fn invalid(message: impl Into<alloc::string::String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// An Ed25519 public key, and its private seed when it can sign (never without the
/// `sign` feature: deriving the public key from the seed and signing need the basepoint
/// table, 30 KB, which verifying does not).
#[derive(Clone)]
pub(crate) struct Ed25519Key {
    public: VerifyingKey,
    secret: Option<SigningKey>,
}

impl Ed25519Key {
    /// A key from JWK members: the public `x` and, for a private key, the seed `d`, which must match.
    pub(crate) fn from_jwk_bytes(x: &[u8], d: Option<&[u8]>) -> Result<Ed25519Key, Error> {
        let x: &[u8; KEY_LEN] = x.try_into().map_err(|_| invalid("the Ed25519 JWK member \"x\" must have 32 bytes"))?;
        let public = VerifyingKey::from_bytes(x).map_err(|_| invalid("the Ed25519 JWK member \"x\" is not a valid public key"))?;
        match d {
            None => Ok(Ed25519Key { public, secret: None }),
            #[cfg(feature = "sign")]
            Some(d) => Self::with_seed(public, d),
            #[cfg(not(feature = "sign"))]
            Some(_) => Err(super::private_keys_not_read("the Ed25519 JWK (it has \"d\")")),
        }
    }

    /// The key with the private seed `d` (the JWK member), which must belong to `public`.
    #[cfg(feature = "sign")]
    fn with_seed(public: VerifyingKey, d: &[u8]) -> Result<Ed25519Key, Error> {
        let d: &[u8; KEY_LEN] = d.try_into().map_err(|_| invalid("the Ed25519 JWK member \"d\" must have 32 bytes"))?;
        let secret = SigningKey::from_bytes(d);
        if secret.verifying_key() != public {
            return Err(invalid("the Ed25519 private key \"d\" does not belong to the public key \"x\""));
        }
        Ok(Ed25519Key { public, secret: Some(secret) })
    }

    pub(crate) fn from_spki_der(der: &[u8]) -> Result<Ed25519Key, Error> {
        let public = VerifyingKey::from_public_key_der(der).map_err(|_| invalid("the Ed25519 public key is not valid"))?;
        Ok(Ed25519Key { public, secret: None })
    }

    #[cfg(feature = "sign")]
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<Ed25519Key, Error> {
        let secret = SigningKey::from_pkcs8_der(der).map_err(|_| invalid("the Ed25519 PKCS#8 private key is not valid"))?;
        Ok(Ed25519Key { public: secret.verifying_key(), secret: Some(secret) })
    }

    /// A new random key.
    #[cfg(feature = "rand")]
    pub(crate) fn generate() -> Result<Ed25519Key, Error> {
        let mut seed = Zeroizing::new([0u8; KEY_LEN]);
        super::random::fill(seed.as_mut())?;
        let secret = SigningKey::from_bytes(&seed);
        Ok(Ed25519Key { public: secret.verifying_key(), secret: Some(secret) })
    }

    pub(crate) fn is_private(&self) -> bool {
        self.secret.is_some()
    }

    /// Checks a 64-byte Ed25519 signature.
    // Not inlined into the verify path: V8 compiles a wasm function whole on its first call,
    // so a token of another family does not compile this family's arithmetic (cold start).
    #[inline(never)]
    pub(crate) fn verify(&self, input: &[u8], signature: &[u8]) -> Result<(), Error> {
        let signature = Signature::from_slice(signature).map_err(|_| {
            Error::new(ErrorCode::BadSignature, message!("an Ed25519 signature has 64 bytes, not ", signature.len()))
        })?;
        self.public.verify_strict(input, &signature).map_err(|_| Error::new(ErrorCode::BadSignature, "the Ed25519 signature does not match"))
    }

    /// Signs (deterministically, as Ed25519 always does).
    #[cfg(feature = "sign")]
    pub(crate) fn sign(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        let secret = self.secret.as_ref().ok_or_else(|| super::public_cannot_sign(Algorithm::EdDSA))?;
        Ok(secret.sign(input).to_bytes().to_vec())
    }

    /// The public key bytes (the JWK `x`).
    pub(crate) fn public_bytes(&self) -> Vec<u8> {
        self.public.to_bytes().to_vec()
    }

    /// The private seed (the JWK `d`), if the key has one.
    #[cfg(feature = "sign")]
    pub(crate) fn secret_bytes(&self) -> Option<Zeroizing<Vec<u8>>> {
        self.secret.as_ref().map(|secret| Zeroizing::new(secret.to_bytes().to_vec()))
    }

    pub(crate) fn spki_der(&self) -> Result<Vec<u8>, Error> {
        self.public.to_public_key_der().map(|doc| doc.as_bytes().to_vec()).map_err(|_| invalid("the Ed25519 public key could not be encoded"))
    }

    /// The private key as PKCS#8 v1 (RFC 8410, the seed only): the form OpenSSL and
    /// WebCrypto write, and the one every importer accepts.
    #[cfg(feature = "sign")]
    pub(crate) fn pkcs8_der(&self) -> Option<Result<Zeroizing<Vec<u8>>, Error>> {
        let secret = self.secret.as_ref()?;
        let keypair = ed25519_dalek::ed25519::pkcs8::KeypairBytes { secret_key: secret.to_bytes(), public_key: None };
        Some(keypair.to_pkcs8_der().map(|doc| Zeroizing::new(doc.as_bytes().to_vec())).map_err(|_| invalid("the Ed25519 private key could not be encoded")))
    }
}

impl core::fmt::Debug for Ed25519Key {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "Ed25519Key({})", if self.is_private() { "private, redacted" } else { "public" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base64url;

    /// RFC 8037 appendix A.4: Ed25519 signatures are deterministic.
    #[test]
    fn rfc8037_a4_signature_is_reproduced() {
        let x = base64url::decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let d = base64url::decode(b"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").unwrap();
        let key = Ed25519Key::from_jwk_bytes(&x, Some(&d)).unwrap();
        let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
        let signature = key.sign(input).unwrap();
        assert_eq!(base64url::encode(&signature), "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
        key.verify(input, &signature).unwrap();
    }

    #[test]
    fn mismatched_or_short_keys_are_refused() {
        let x = base64url::decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        assert_eq!(Ed25519Key::from_jwk_bytes(&x, Some(&[7; 32])).unwrap_err().code(), ErrorCode::InvalidKey);
        assert_eq!(Ed25519Key::from_jwk_bytes(&x[..31], None).unwrap_err().code(), ErrorCode::InvalidKey);
        let public = Ed25519Key::from_jwk_bytes(&x, None).unwrap();
        assert_eq!(public.verify(b"x", &[0; 63]).unwrap_err().code(), ErrorCode::BadSignature);
        assert_eq!(public.sign(b"x").unwrap_err().code(), ErrorCode::KeyMismatch);
    }
}
