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

    /// Checks a 64-byte Ed25519 signature of the token's `alg` ("EdDSA" or "Ed25519",
    /// which the message names as the other families' do).
    // Not inlined into the verify path: V8 compiles a wasm function whole on its first call,
    // so a token of another family does not compile this family's arithmetic (cold start).
    #[inline(never)]
    pub(crate) fn verify(&self, alg: Algorithm, input: &[u8], signature: &[u8]) -> Result<(), Error> {
        let signature = signature_of(signature)?;
        self.public.verify_strict(input, &signature).map_err(|_| no_match(alg))
    }

    /// What the core checks of a signature before the platform's crypto checks the
    /// arithmetic, refusing as [`Self::verify`] would: 64 bytes, `S` below the group order
    /// (OpenSSL and BoringSSL refuse it too), and `R` not the identity. With a key
    /// [`Self::platform_spki_der`] hands over, a signature whose `R` is the identity is the
    /// only one `verify_strict` (which refuses small-order `R`) and the platforms'
    /// cofactorless check (which compare `R` with `[S]B - [k]A`, encoded) judge differently.
    #[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
    pub(crate) fn check_form(&self, alg: Algorithm, signature: &[u8]) -> Result<(), Error> {
        let signature = signature_of(signature)?;
        if *signature.r_bytes() == IDENTITY || !below_group_order(signature.s_bytes()) {
            return Err(no_match(alg));
        }
        Ok(())
    }

    /// The public key as SPKI DER for the platform's crypto, when its verdict on every
    /// signature that passes [`Self::check_form`] is the core's: the key encoded
    /// canonically (the platforms may read other encodings differently) and of the prime
    /// order subgroup (then `[S]B - [k]A` is small-order only when it is the identity).
    /// `None` otherwise: the core checks the key's signatures.
    #[cfg(all(feature = "wasm", any(feature = "rsa", feature = "ecdsa")))]
    pub(crate) fn platform_spki_der(&self) -> Option<Vec<u8>> {
        let point = self.public.to_edwards();
        let canonical = point.compress().to_bytes() == self.public.to_bytes();
        (canonical && !self.public.is_weak() && of_prime_order(&point)).then(|| self.spki_der().ok()).flatten()
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

fn signature_of(bytes: &[u8]) -> Result<Signature, Error> {
    Signature::from_slice(bytes).map_err(|_| Error::new(ErrorCode::BadSignature, message!("an Ed25519 signature has 64 bytes, not ", bytes.len())))
}

fn no_match(alg: Algorithm) -> Error {
    Error::new(ErrorCode::BadSignature, message!("the ", alg, " signature does not match"))
}

/// Whether `[ℓ]A` is the identity (`A` has no part of small order), by the variable-time
/// double-scalar multiplication that verifying uses: `[ℓ - 1]A + [0]B`, plus `A`.
/// `is_torsion_free` computes the same with constant-time code that verifying never needs
/// (about 2 KB of wasm more); the key is public.
#[cfg(all(feature = "wasm", any(feature = "rsa", feature = "ecdsa")))]
fn of_prime_order(point: &curve25519_dalek::EdwardsPoint) -> bool {
    use curve25519_dalek::traits::IsIdentity;
    use curve25519_dalek::{EdwardsPoint, Scalar};
    (EdwardsPoint::vartime_double_scalar_mul_basepoint(&-Scalar::ONE, point, &Scalar::ZERO) + point).is_identity()
}

/// The encoding of the identity point, (0, 1).
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
const IDENTITY: [u8; KEY_LEN] = {
    let mut bytes = [0; KEY_LEN];
    bytes[0] = 1;
    bytes
};

/// The order of Ed25519's prime subgroup, 2^252 + 27742317777372353535851937790883648493,
/// little-endian.
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
const GROUP_ORDER: [u8; KEY_LEN] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// Whether a little-endian scalar is below [`GROUP_ORDER`] (a signature's `S` is public).
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
fn below_group_order(scalar: &[u8; KEY_LEN]) -> bool {
    scalar.iter().rev().cmp(GROUP_ORDER.iter().rev()) == core::cmp::Ordering::Less
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
        key.verify(Algorithm::EdDSA, input, &signature).unwrap();
    }

    #[test]
    fn mismatched_or_short_keys_are_refused() {
        let x = base64url::decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        assert_eq!(Ed25519Key::from_jwk_bytes(&x, Some(&[7; 32])).unwrap_err().code(), ErrorCode::InvalidKey);
        assert_eq!(Ed25519Key::from_jwk_bytes(&x[..31], None).unwrap_err().code(), ErrorCode::InvalidKey);
        let public = Ed25519Key::from_jwk_bytes(&x, None).unwrap();
        assert_eq!(public.verify(Algorithm::EdDSA, b"x", &[0; 63]).unwrap_err().code(), ErrorCode::BadSignature);
        assert_eq!(public.sign(b"x").unwrap_err().code(), ErrorCode::KeyMismatch);
    }

    /// What the core refuses before the platform checks a signature: each refused as
    /// `verify` refuses it, with the same code and message.
    #[cfg(any(feature = "rsa", feature = "ecdsa"))]
    #[test]
    fn the_form_check_refuses_what_verify_refuses() {
        let x = base64url::decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let key = Ed25519Key::from_jwk_bytes(&x, None).unwrap();
        let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
        let genuine = base64url::decode(b"hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg").unwrap();
        key.check_form(Algorithm::EdDSA, &genuine).unwrap();
        let with = |r: &[u8; 32], s: &[u8; 32]| [&r[..], &s[..]].concat();
        let (r, s): (&[u8; 32], &[u8; 32]) = (genuine[..32].try_into().unwrap(), genuine[32..].try_into().unwrap());
        let mut order_minus_one = GROUP_ORDER;
        order_minus_one[0] -= 1;
        key.check_form(Algorithm::EdDSA, &with(r, &order_minus_one)).unwrap();
        let mut s_plus_order = *s;
        let mut carry = 0u16;
        for (byte, order) in s_plus_order.iter_mut().zip(GROUP_ORDER) {
            let sum = u16::from(*byte) + u16::from(order) + carry;
            (*byte, carry) = (sum as u8, sum >> 8);
        }
        for bad in [with(&IDENTITY, s), with(r, &GROUP_ORDER), with(r, &s_plus_order), with(r, &[0xff; 32]), genuine[..63].to_vec()] {
            let (form, whole) = (key.check_form(Algorithm::Ed25519, &bad).unwrap_err(), key.verify(Algorithm::Ed25519, input, &bad).unwrap_err());
            assert_eq!((form.code(), form.message()), (whole.code(), whole.message()));
        }
    }

    /// Only keys whose every verdict the platform shares go to it.
    #[cfg(all(feature = "wasm", any(feature = "rsa", feature = "ecdsa")))]
    #[test]
    fn only_canonical_prime_order_keys_go_to_the_platform() {
        let x = base64url::decode(b"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let spki = Ed25519Key::from_jwk_bytes(&x, None).unwrap().platform_spki_der().unwrap();
        assert_eq!(Ed25519Key::from_spki_der(&spki).unwrap().public_bytes(), x);
        // The identity (small order), and the point of order 2, (0, -1): y = p - 1.
        let mut order_two = [0xff; 32];
        (order_two[0], order_two[31]) = (0xec, 0x7f);
        for weak in [IDENTITY, order_two] {
            assert!(Ed25519Key::from_jwk_bytes(&weak, None).unwrap().platform_spki_der().is_none());
        }
        // The key plus the point of order 2, (-x, -y): of mixed order, not small.
        let mixed = negated(&x);
        let key = Ed25519Key::from_jwk_bytes(&mixed, None).unwrap();
        assert!(!key.public.is_weak());
        assert!(key.platform_spki_der().is_none());
        for public in [&x[..], &mixed, &IDENTITY, &order_two] {
            let point = Ed25519Key::from_jwk_bytes(public, None).unwrap().public.to_edwards();
            assert_eq!(of_prime_order(&point), point.is_torsion_free());
        }
        // The identity encoded with y = p + 1 (not canonical).
        let mut y_plus_p = [0xff; 32];
        (y_plus_p[0], y_plus_p[31]) = (0xee, 0x7f);
        if let Ok(key) = Ed25519Key::from_jwk_bytes(&y_plus_p, None) {
            assert!(key.platform_spki_der().is_none());
        }
    }

    /// The encoding of (-x, -y) for the encoding of (x, y): y becomes p - y, x's sign flips.
    #[cfg(all(feature = "wasm", any(feature = "rsa", feature = "ecdsa")))]
    fn negated(point: &[u8]) -> [u8; 32] {
        let mut p = [0xffu8; 32];
        (p[0], p[31]) = (0xed, 0x7f);
        let sign = point[31] & 0x80;
        let mut y: [u8; 32] = point.try_into().unwrap();
        y[31] &= 0x7f;
        let mut out = [0u8; 32];
        let mut borrow = 0i16;
        for i in 0..32 {
            let difference = i16::from(p[i]) - i16::from(y[i]) - borrow;
            (out[i], borrow) = (difference.rem_euclid(256) as u8, i16::from(difference < 0));
        }
        out[31] |= sign ^ 0x80;
        out
    }
}
