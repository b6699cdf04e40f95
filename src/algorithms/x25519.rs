//! X25519 keys (RFC 7748; JWK `kty` "OKP", `crv` "X25519", RFC 8037) for ECDH-ES key
//! agreement, on the Montgomery ladder of `curve25519-dalek`. They never sign: no
//! signature algorithm belongs to their family.

use alloc::string::String;

use curve25519_dalek::montgomery::MontgomeryPoint;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, ErrorCode};

/// The length of a public key (a u-coordinate), of a private key (a scalar) and of a shared secret.
pub(crate) const KEY_LEN: usize = 32;

/// The algorithm identifier of X25519 keys in SPKI and PKCS#8 (RFC 8410).
#[cfg(feature = "pem")]
pub(crate) const OID: pkcs8::ObjectIdentifier = pkcs8::ObjectIdentifier::new_unwrap("1.3.101.110");

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// The X25519 function: the u-coordinate of the clamped `scalar` times the point `u`.
/// `None` when that is all zeros, as it is for every point of low order, whatever the
/// scalar (RFC 7748 section 6.1): such a point would let the peer choose the secret.
pub(crate) fn x25519(scalar: &[u8; KEY_LEN], u: &[u8; KEY_LEN]) -> Option<Zeroizing<[u8; KEY_LEN]>> {
    let mut product = MontgomeryPoint(*u).mul_clamped(*scalar);
    let shared = Zeroizing::new(product.to_bytes());
    product.zeroize();
    if bool::from(shared.ct_eq(&[0; KEY_LEN])) { None } else { Some(shared) }
}

/// The public key of a private scalar: X25519 of the scalar and the base point 9.
fn public_of(scalar: &[u8; KEY_LEN]) -> [u8; KEY_LEN] {
    MontgomeryPoint::mul_base_clamped(*scalar).to_bytes()
}

/// An X25519 public key, and its private scalar when it can decrypt.
#[derive(Clone)]
pub(crate) struct X25519Key {
    public: [u8; KEY_LEN],
    secret: Option<Zeroizing<[u8; KEY_LEN]>>,
}

impl X25519Key {
    /// A key from its public `x` and, for a private key, its scalar `d`, which must belong
    /// to `x`. A public key of low order is refused: every secret agreed with it is zero.
    pub(crate) fn from_jwk_bytes(x: &[u8], d: Option<&[u8]>) -> Result<X25519Key, Error> {
        let public: [u8; KEY_LEN] = x.try_into().map_err(|_| invalid(message!("an X25519 public key has 32 bytes, not ", x.len())))?;
        let Some(d) = d else {
            // Any clamped scalar takes a low-order point to zero; the zero scalar is clamped to 2^254.
            if x25519(&[0; KEY_LEN], &public).is_none() {
                return Err(invalid("the X25519 public key is a point of low order, which gives every shared secret as zero (RFC 7748 section 6.1)"));
            }
            return Ok(X25519Key { public, secret: None });
        };
        let key = Self::from_private(d)?;
        if key.public != public {
            return Err(invalid("the X25519 private key \"d\" does not belong to the public key \"x\""));
        }
        Ok(key)
    }

    /// A private key from its 32-byte scalar.
    pub(crate) fn from_private(d: &[u8]) -> Result<X25519Key, Error> {
        let secret: [u8; KEY_LEN] = d.try_into().map_err(|_| invalid(message!("an X25519 private key has 32 bytes, not ", d.len())))?;
        let secret = Zeroizing::new(secret);
        Ok(X25519Key { public: public_of(&secret), secret: Some(secret) })
    }

    /// A new random private key.
    #[cfg(feature = "rand")]
    pub(crate) fn generate() -> Result<X25519Key, Error> {
        let mut secret = Zeroizing::new([0u8; KEY_LEN]);
        super::random::fill(secret.as_mut())?;
        Ok(X25519Key { public: public_of(&secret), secret: Some(secret) })
    }

    pub(crate) fn is_private(&self) -> bool {
        self.secret.is_some()
    }

    /// The public key (the JWK `x`).
    pub(crate) fn public_bytes(&self) -> &[u8; KEY_LEN] {
        &self.public
    }

    /// The private scalar (the JWK `d`), if the key has one.
    pub(crate) fn secret_bytes(&self) -> Option<&[u8; KEY_LEN]> {
        self.secret.as_deref()
    }

    /// The public key as a DER `SubjectPublicKeyInfo` (RFC 8410).
    #[cfg(feature = "pem")]
    pub(crate) fn spki_der(&self) -> Result<alloc::vec::Vec<u8>, Error> {
        use der::Encode;
        let subject_public_key = der::asn1::BitStringRef::from_bytes(&self.public).map_err(|_| invalid("the X25519 public key could not be encoded"))?;
        let spki = spki::SubjectPublicKeyInfoRef { algorithm: spki::AlgorithmIdentifierRef { oid: OID, parameters: None }, subject_public_key };
        spki.to_der().map_err(|_| invalid("the X25519 public key could not be encoded"))
    }

    /// The private key as PKCS#8 v1 (RFC 8410: the scalar as a `CurvePrivateKey` OCTET
    /// STRING, no public key), the form OpenSSL and Node write.
    #[cfg(feature = "pem")]
    pub(crate) fn pkcs8_der(&self) -> Option<Result<Zeroizing<alloc::vec::Vec<u8>>, Error>> {
        use der::Encode;
        let secret = self.secret.as_ref()?;
        let failed = |_| invalid("the X25519 private key could not be encoded");
        let curve_private_key = Zeroizing::new([&[0x04, KEY_LEN as u8][..], &secret[..]].concat());
        let encoded = der::asn1::OctetStringRef::new(&curve_private_key).and_then(|private_key| {
            pkcs8::PrivateKeyInfoRef::new(spki::AlgorithmIdentifierRef { oid: OID, parameters: None }, private_key).to_der()
        });
        Some(encoded.map(Zeroizing::new).map_err(failed))
    }
}

impl core::fmt::Debug for X25519Key {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "X25519Key({})", if self.is_private() { "private, redacted" } else { "public" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex32(text: &str) -> [u8; KEY_LEN] {
        core::array::from_fn(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
    }

    /// RFC 7748 section 6.1 (whose keys RFC 8037 appendix A.6 reuses): Alice's and Bob's
    /// public keys, and the secret they share.
    #[test]
    fn rfc7748_section_6_1() {
        let alice = hex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        let bob = hex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        let (alice_public, bob_public) = (public_of(&alice), public_of(&bob));
        assert_eq!(alice_public, hex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"));
        assert_eq!(bob_public, hex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
        let shared = hex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assert_eq!(*x25519(&alice, &bob_public).unwrap(), shared);
        assert_eq!(*x25519(&bob, &alice_public).unwrap(), shared);
    }

    /// RFC 7748 section 5.2, the first test vector of the function itself.
    #[test]
    fn rfc7748_section_5_2() {
        let scalar = hex32("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
        let u = hex32("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
        assert_eq!(*x25519(&scalar, &u).unwrap(), hex32("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
    }

    /// The points of order 1, 2, 4 and 8, as libsodium lists them: the secret is zero, so refused.
    #[test]
    fn low_order_points_give_no_secret() {
        let scalar = hex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        for u in [
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        ] {
            assert!(x25519(&scalar, &hex32(u)).is_none(), "{u}");
            assert_eq!(X25519Key::from_jwk_bytes(&hex32(u), None).unwrap_err().code(), ErrorCode::InvalidKey, "{u}");
        }
    }

    #[test]
    fn mismatched_or_short_keys_are_refused() {
        let bob = hex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        let bob_public = public_of(&bob);
        assert!(X25519Key::from_jwk_bytes(&bob_public, Some(&bob)).unwrap().is_private());
        let e = X25519Key::from_jwk_bytes(&bob_public, Some(&[7; 32])).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::InvalidKey, "the X25519 private key \"d\" does not belong to the public key \"x\""));
        assert_eq!(X25519Key::from_jwk_bytes(&bob_public[..31], None).unwrap_err().message(), "an X25519 public key has 32 bytes, not 31");
        assert_eq!(X25519Key::from_jwk_bytes(&bob_public, Some(&bob[..16])).unwrap_err().message(), "an X25519 private key has 32 bytes, not 16");
    }
}
