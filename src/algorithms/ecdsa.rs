//! ES256 (P-256), ES384 (P-384) and ES512 (P-521), RFC 7518 section 3.4, on the
//! RustCrypto `p256`, `p384`, `p521` and `ecdsa` crates.
//!
//! A signature is the raw `r || s`, each exactly as long as the curve's field; DER
//! signatures are refused by their length. `r` and `s` must lie in `1..n`
//! (CVE-2022-21449 accepted zeros). High-S signatures are accepted: RFC 7518 does
//! not require low S, and `jose`, WebCrypto and OpenSSL produce both.

use alloc::vec::Vec;

#[cfg(feature = "sign")]
use ecdsa::signature::Signer;
use ecdsa::signature::Verifier;
use ecdsa::{Signature, SigningKey, VerifyingKey};
use pkcs8::{DecodePublicKey, EncodePublicKey, ObjectIdentifier};
#[cfg(feature = "sign")]
use pkcs8::{DecodePrivateKey, EncodePrivateKey};
#[cfg(feature = "sign")]
use zeroize::Zeroizing;

use super::Algorithm;
use crate::error::{Error, ErrorCode};

fn invalid(message: impl Into<alloc::string::String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// The curves of the ES* algorithms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    const ALL: [Curve; 3] = [Curve::P256, Curve::P384, Curve::P521];

    /// The curve of a JWK `crv` name.
    pub(crate) fn from_jwk_name(name: &str) -> Option<Curve> {
        Self::ALL.into_iter().find(|c| c.jwk_name() == name)
    }

    /// The JWK `crv` name (RFC 7518 section 6.2.1.1).
    pub(crate) fn jwk_name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The one algorithm a key on this curve serves.
    pub(crate) fn alg(self) -> Algorithm {
        match self {
            Curve::P256 => Algorithm::ES256,
            Curve::P384 => Algorithm::ES384,
            Curve::P521 => Algorithm::ES512,
        }
    }

    /// The curve an ES* algorithm signs on.
    #[cfg(feature = "rand")]
    pub(crate) fn for_alg(alg: Algorithm) -> Curve {
        Self::ALL.into_iter().find(|c| c.alg() == alg).unwrap_or(Curve::P256)
    }

    /// The length of a coordinate, of the private scalar and of each of `r` and `s`.
    pub(crate) fn field_len(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// The curve of a named-curve OID (RFC 5480).
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Option<Curve> {
        use pkcs8::AssociatedOid;
        Self::ALL.into_iter().find(|c| match c {
            Curve::P256 => *oid == p256::NistP256::OID,
            Curve::P384 => *oid == p384::NistP384::OID,
            Curve::P521 => *oid == p521::NistP521::OID,
        })
    }
}

/// A public key on one curve, and its private scalar when it can sign.
#[derive(Clone)]
pub(crate) struct CurveKey<C: ecdsa::EcdsaCurve + ecdsa::elliptic_curve::CurveArithmetic> {
    public: VerifyingKey<C>,
    secret: Option<SigningKey<C>>,
}

/// An ECDSA key on P-256, P-384 or P-521.
#[derive(Clone)]
pub(crate) enum EcKey {
    P256(CurveKey<p256::NistP256>),
    P384(CurveKey<p384::NistP384>),
    P521(CurveKey<p521::NistP521>),
}

/// Runs the same code for whichever curve the key is on.
macro_rules! on_curve {
    ($key:expr, $k:ident => $body:expr) => {
        match $key {
            EcKey::P256($k) => $body,
            EcKey::P384($k) => $body,
            EcKey::P521($k) => $body,
        }
    };
}

/// Builds an [`EcKey`] of the given curve from a function generic over the curve's key.
macro_rules! for_curve {
    ($curve:expr, $f:ident ( $($arg:expr),* )) => {
        match $curve {
            Curve::P256 => CurveKey::<p256::NistP256>::$f($($arg),*).map(EcKey::P256),
            Curve::P384 => CurveKey::<p384::NistP384>::$f($($arg),*).map(EcKey::P384),
            Curve::P521 => CurveKey::<p521::NistP521>::$f($($arg),*).map(EcKey::P521),
        }
    };
}

/// The operations on one curve's key; written once and instantiated per curve,
/// since the crates' generic bounds differ in detail between curves.
macro_rules! curve_key {
    ($curve:ty, $which:expr) => {
        impl CurveKey<$curve> {
            fn from_coordinates(x: &[u8], y: &[u8], d: Option<&[u8]>) -> Result<Self, Error> {
                let n = $which.field_len();
                if x.len() != n || y.len() != n {
                    return Err(invalid(message!("the ", $which.jwk_name(), " JWK coordinates \"x\" and \"y\" must have ", n, " bytes each")));
                }
                let field = |bytes: &[u8]| ecdsa::elliptic_curve::FieldBytes::<$curve>::try_from(bytes).map_err(|_| invalid("the JWK coordinate has the wrong length"));
                let point = ecdsa::elliptic_curve::sec1::Sec1Point::<$curve>::from_affine_coordinates(&field(x)?, &field(y)?, false);
                let public = VerifyingKey::<$curve>::from_sec1_point(&point)
                    .map_err(|_| invalid(message!("the JWK point is not on the curve ", $which.jwk_name())))?;
                let key = Self { public, secret: None };
                match d {
                    None => Ok(key),
                    #[cfg(feature = "sign")]
                    Some(d) => key.with_secret(d),
                    #[cfg(not(feature = "sign"))]
                    Some(_) => Err(super::private_keys_not_read("the EC JWK (it has \"d\")")),
                }
            }

            /// Adds the private scalar `d`, which must belong to the public point.
            #[cfg(feature = "sign")]
            fn with_secret(self, d: &[u8]) -> Result<Self, Error> {
                if d.len() != $which.field_len() {
                    return Err(invalid(message!("the ", $which.jwk_name(), " JWK member \"d\" must have ", $which.field_len(), " bytes")));
                }
                let secret = SigningKey::<$curve>::from_slice(d).map_err(|_| invalid("the EC private key \"d\" is out of range"))?;
                if *secret.verifying_key() != self.public {
                    return Err(invalid("the EC private key \"d\" does not belong to the public point \"x\", \"y\""));
                }
                Ok(Self { public: self.public, secret: Some(secret) })
            }

            #[cfg(feature = "sign")]
            fn from_secret(secret: SigningKey<$curve>) -> Result<Self, Error> {
                Ok(Self { public: *secret.verifying_key(), secret: Some(secret) })
            }

            fn from_spki_der(der: &[u8]) -> Result<Self, Error> {
                let public = VerifyingKey::<$curve>::from_public_key_der(der).map_err(|_| invalid(message!("the ", $which.jwk_name(), " public key is not valid")))?;
                Ok(Self { public, secret: None })
            }

            #[cfg(feature = "sign")]
            fn from_pkcs8_der(der: &[u8]) -> Result<Self, Error> {
                let secret = SigningKey::<$curve>::from_pkcs8_der(der).map_err(|_| invalid(message!("the ", $which.jwk_name(), " PKCS#8 private key is not valid")))?;
                Self::from_secret(secret)
            }

            #[cfg(feature = "sign")]
            fn from_sec1_der(der: &[u8]) -> Result<Self, Error> {
                let secret = ecdsa::elliptic_curve::SecretKey::<$curve>::from_sec1_der(der)
                    .map_err(|_| invalid(message!("the ", $which.jwk_name(), " SEC1 private key is not valid")))?;
                Self::from_secret(secret.into())
            }

            /// A key from random bytes, or `None` for the rare bytes outside `1..n`.
            #[cfg(feature = "rand")]
            fn from_random(bytes: &[u8]) -> Option<Self> {
                SigningKey::<$curve>::from_slice(bytes).ok().map(|secret| Self { public: *secret.verifying_key(), secret: Some(secret) })
            }

            fn verify(&self, input: &[u8], signature: &[u8]) -> bool {
                // `from_slice` takes exactly 2 * field bytes and refuses r or s outside 1..n.
                Signature::<$curve>::from_slice(signature).is_ok_and(|sig| self.public.verify(input, &sig).is_ok())
            }

            fn in_range(signature: &[u8]) -> bool {
                Signature::<$curve>::from_slice(signature).is_ok()
            }

            #[cfg(feature = "sign")]
            fn sign(&self, input: &[u8]) -> Option<Vec<u8>> {
                // RFC 6979 deterministic nonces: signing needs no randomness.
                self.secret.as_ref().map(|secret| Signer::<Signature<$curve>>::sign(secret, input).to_bytes().to_vec())
            }

            fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
                let point = self.public.to_sec1_point(false);
                let coordinate = |c: Option<&ecdsa::elliptic_curve::array::Array<u8, _>>| c.map(|c| c.to_vec()).unwrap_or_default();
                (coordinate(point.x()), coordinate(point.y()))
            }

            #[cfg(feature = "sign")]
            fn secret_bytes(&self) -> Option<Zeroizing<Vec<u8>>> {
                self.secret.as_ref().map(|secret| Zeroizing::new(secret.to_bytes().to_vec()))
            }

            fn spki_der(&self) -> Result<Vec<u8>, Error> {
                self.public.to_public_key_der().map(|doc| doc.as_bytes().to_vec()).map_err(|_| invalid("the EC public key could not be encoded"))
            }

            #[cfg(feature = "sign")]
            fn pkcs8_der(&self) -> Option<Result<Zeroizing<Vec<u8>>, Error>> {
                let secret = self.secret.as_ref()?;
                Some(secret.to_pkcs8_der().map(|doc| Zeroizing::new(doc.as_bytes().to_vec())).map_err(|_| invalid("the EC private key could not be encoded")))
            }
        }
    };
}

curve_key!(p256::NistP256, Curve::P256);
curve_key!(p384::NistP384, Curve::P384);
curve_key!(p521::NistP521, Curve::P521);

impl EcKey {
    /// A key from JWK members: coordinates `x`, `y` and, for a private key, `d`.
    pub(crate) fn from_coordinates(curve: Curve, x: &[u8], y: &[u8], d: Option<&[u8]>) -> Result<EcKey, Error> {
        for_curve!(curve, from_coordinates(x, y, d))
    }

    /// A public key from a DER `SubjectPublicKeyInfo` whose curve is `curve`.
    pub(crate) fn from_spki_der(curve: Curve, der: &[u8]) -> Result<EcKey, Error> {
        for_curve!(curve, from_spki_der(der))
    }

    /// A private key from a DER PKCS#8 `PrivateKeyInfo` whose curve is `curve`.
    #[cfg(feature = "sign")]
    pub(crate) fn from_pkcs8_der(curve: Curve, der: &[u8]) -> Result<EcKey, Error> {
        for_curve!(curve, from_pkcs8_der(der))
    }

    /// A private key from a DER SEC1 `ECPrivateKey` whose curve is `curve`.
    #[cfg(feature = "sign")]
    pub(crate) fn from_sec1_der(curve: Curve, der: &[u8]) -> Result<EcKey, Error> {
        for_curve!(curve, from_sec1_der(der))
    }

    /// A new random private key on `curve`.
    #[cfg(feature = "rand")]
    pub(crate) fn generate(curve: Curve) -> Result<EcKey, Error> {
        let mut bytes = Zeroizing::new(alloc::vec![0u8; curve.field_len()]);
        loop {
            super::random::fill(&mut bytes)?;
            if curve == Curve::P521 {
                bytes[0] &= 1; // a P-521 scalar has 521 bits: keep the top byte's lowest bit only
            }
            let key = match curve {
                Curve::P256 => CurveKey::<p256::NistP256>::from_random(&bytes).map(EcKey::P256),
                Curve::P384 => CurveKey::<p384::NistP384>::from_random(&bytes).map(EcKey::P384),
                Curve::P521 => CurveKey::<p521::NistP521>::from_random(&bytes).map(EcKey::P521),
            };
            if let Some(key) = key {
                return Ok(key);
            }
        }
    }

    pub(crate) fn curve(&self) -> Curve {
        match self {
            EcKey::P256(_) => Curve::P256,
            EcKey::P384(_) => Curve::P384,
            EcKey::P521(_) => Curve::P521,
        }
    }

    pub(crate) fn is_private(&self) -> bool {
        on_curve!(self, k => k.secret.is_some())
    }

    /// Checks a raw `r || s` signature made with the curve's algorithm.
    // Not inlined into the verify path: V8 compiles a wasm function whole on its first call,
    // so a token of another family does not compile this family's arithmetic (cold start).
    #[inline(never)]
    pub(crate) fn verify(&self, input: &[u8], signature: &[u8]) -> Result<(), Error> {
        self.check_form(signature)?;
        if on_curve!(self, k => k.verify(input, signature)) {
            Ok(())
        } else {
            Err(self.mismatch())
        }
    }

    /// What the core checks of a signature before any arithmetic, whoever does that:
    /// raw `r || s` of twice the field size, r and s in `1..n` (CVE-2022-21449).
    pub(crate) fn check_form(&self, signature: &[u8]) -> Result<(), Error> {
        let curve = self.curve();
        let expected = 2 * curve.field_len();
        if signature.len() != expected {
            // Only a signature that opens like a DER SEQUENCE gets the DER hint; others are just the wrong length.
            let hint = if signature.first() == Some(&0x30) { " (this looks DER-encoded; a JWS signature is raw r || s)" } else { "" };
            return Err(Error::new(
                ErrorCode::BadSignature,
                message!("an ", curve.alg(), " signature is r || s in ", expected, " bytes, not ", signature.len(), hint),
            ));
        }
        let in_range = match self {
            EcKey::P256(_) => CurveKey::<p256::NistP256>::in_range(signature),
            EcKey::P384(_) => CurveKey::<p384::NistP384>::in_range(signature),
            EcKey::P521(_) => CurveKey::<p521::NistP521>::in_range(signature),
        };
        if in_range { Ok(()) } else { Err(self.mismatch()) }
    }

    fn mismatch(&self) -> Error {
        Error::new(ErrorCode::BadSignature, message!("the ", self.curve().alg(), " signature does not match"))
    }

    /// Signs with the curve's algorithm, as raw `r || s`.
    #[cfg(feature = "sign")]
    pub(crate) fn sign(&self, input: &[u8]) -> Result<Vec<u8>, Error> {
        on_curve!(self, k => k.sign(input)).ok_or_else(|| super::public_cannot_sign(self.curve().alg()))
    }

    /// The JWK members after `kty`: `crv`, `x`, `y`, and with `include_private` also `d`.
    pub(crate) fn coordinates(&self) -> (Vec<u8>, Vec<u8>) {
        on_curve!(self, k => k.coordinates())
    }

    /// The private scalar, if the key has one.
    #[cfg(feature = "sign")]
    pub(crate) fn secret_bytes(&self) -> Option<Zeroizing<Vec<u8>>> {
        on_curve!(self, k => k.secret_bytes())
    }

    pub(crate) fn spki_der(&self) -> Result<Vec<u8>, Error> {
        on_curve!(self, k => k.spki_der())
    }

    #[cfg(feature = "sign")]
    pub(crate) fn pkcs8_der(&self) -> Option<Result<Zeroizing<Vec<u8>>, Error>> {
        on_curve!(self, k => k.pkcs8_der())
    }
}

impl core::fmt::Debug for EcKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "EcKey({}, {})", self.curve().jwk_name(), if self.is_private() { "private, redacted" } else { "public" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_der_looking_signature_gets_the_der_hint() {
        // RFC 7515 appendix A.3's P-256 public key.
        let coordinate = |b64: &str| crate::base64url::decode(b64.as_bytes()).unwrap();
        let (x, y) = (coordinate("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"), coordinate("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"));
        let key = EcKey::from_coordinates(Curve::P256, &x, &y, None).unwrap();
        let der = key.verify(b"input", &[0x30, 0x44, 0x02, 0x20]).unwrap_err();
        assert_eq!(der.code(), ErrorCode::BadSignature);
        assert!(der.message().contains("looks DER-encoded"), "{der}");
        let short = key.verify(b"input", &[7; 63]).unwrap_err();
        assert_eq!(short.message(), "an ES256 signature is r || s in 64 bytes, not 63");
    }
}
