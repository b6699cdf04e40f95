//! PEM keys (RFC 7468): SPKI and PKCS#8 for every family, PKCS#1 for RSA, SEC1 for
//! EC, and the public key inside an X.509 certificate (read with `x509-cert`; the
//! certificate's own signature, dates and chain are not checked).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use der::pem::LineEnding;
use der::{Decode, Encode};
use pkcs8::{ObjectIdentifier, PrivateKeyInfoRef, SubjectPublicKeyInfoRef};

use super::Material;
#[cfg(feature = "ecdsa")]
use crate::algorithms::ecdsa::{Curve, EcKey};
#[cfg(feature = "eddsa")]
use crate::algorithms::eddsa::Ed25519Key;
#[cfg(feature = "rsa")]
use crate::algorithms::rsa::RsaKey;
use crate::error::{quoted, Error, ErrorCode};

#[cfg(feature = "rsa")]
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
#[cfg(feature = "ecdsa")]
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
#[cfg(feature = "eddsa")]
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// Reads the first PEM block of `text` as a key.
pub(super) fn parse_key(text: &str) -> Result<Material, Error> {
    let block = first_block(text)?;
    let (label, der) = der::pem::decode_vec(block.as_bytes()).map_err(|e| invalid(format!("the PEM block is not valid: {e}")))?;
    let der = zeroize::Zeroizing::new(der);
    match label {
        "PUBLIC KEY" => from_spki(&der),
        "PRIVATE KEY" => from_pkcs8(&der),
        #[cfg(feature = "rsa")]
        "RSA PUBLIC KEY" => RsaKey::from_pkcs1_public_der(&der).map(Material::Rsa),
        #[cfg(feature = "rsa")]
        "RSA PRIVATE KEY" => RsaKey::from_pkcs1_private_der(&der).map(Material::Rsa),
        #[cfg(feature = "ecdsa")]
        "EC PRIVATE KEY" => from_sec1(&der),
        "CERTIFICATE" => from_certificate(&der),
        "ENCRYPTED PRIVATE KEY" => Err(invalid("encrypted private keys are not supported; decrypt the key first (openssl pkcs8 -in key.pem -out plain.pem)")),
        other => Err(Error::new(ErrorCode::UnsupportedAlg, format!("PEM blocks labelled \"{}\" are not supported by this build", quoted(other)))),
    }
}

/// The text from the first `-----BEGIN ` line to the end of its `-----END …-----` line.
fn first_block(text: &str) -> Result<&str, Error> {
    let start = text.find("-----BEGIN ").ok_or_else(|| invalid("the text holds no PEM block (\"-----BEGIN ...-----\")"))?;
    let end_line = text[start..].find("-----END ").map(|i| start + i).ok_or_else(|| invalid("the PEM block has no \"-----END ...-----\" line"))?;
    let end = text[end_line + 9..].find("-----").map(|i| end_line + 9 + i + 5).ok_or_else(|| invalid("the PEM \"-----END\" line is not closed"))?;
    Ok(&text[start..end])
}

fn algorithm_unsupported(oid: &ObjectIdentifier) -> Error {
    Error::new(ErrorCode::UnsupportedAlg, format!("keys of algorithm {oid} are not supported by this build"))
}

#[cfg(feature = "ecdsa")]
fn named_curve(oid: Option<ObjectIdentifier>) -> Result<Curve, Error> {
    let oid = oid.ok_or_else(|| invalid("the EC key does not name its curve"))?;
    Curve::from_oid(&oid).ok_or_else(|| Error::new(ErrorCode::UnsupportedAlg, format!("the EC curve {oid} is not supported (P-256, P-384 and P-521 are)")))
}

/// A public key from a DER `SubjectPublicKeyInfo`.
fn from_spki(der: &[u8]) -> Result<Material, Error> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|e| invalid(format!("the public key is not a valid SubjectPublicKeyInfo: {e}")))?;
    let oid = spki.algorithm.oid;
    match oid {
        #[cfg(feature = "rsa")]
        RSA_ENCRYPTION => {
            let pkcs1 = spki.subject_public_key.as_bytes().ok_or_else(|| invalid("the RSA public key bits are not whole bytes"))?;
            RsaKey::from_pkcs1_public_der(pkcs1).map(Material::Rsa)
        }
        #[cfg(feature = "ecdsa")]
        EC_PUBLIC_KEY => EcKey::from_spki_der(named_curve(spki.algorithm.parameters_oid().ok())?, der).map(Material::Ec),
        #[cfg(feature = "eddsa")]
        ED25519 => Ed25519Key::from_spki_der(der).map(Material::Ed25519),
        _ => Err(algorithm_unsupported(&oid)),
    }
}

/// A private key from a DER PKCS#8 `PrivateKeyInfo`.
fn from_pkcs8(der: &[u8]) -> Result<Material, Error> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|e| invalid(format!("the private key is not a valid PKCS#8 PrivateKeyInfo: {e}")))?;
    let oid = info.algorithm.oid;
    match oid {
        #[cfg(feature = "rsa")]
        RSA_ENCRYPTION => RsaKey::from_pkcs1_private_der(info.private_key.as_bytes()).map(Material::Rsa),
        #[cfg(feature = "ecdsa")]
        EC_PUBLIC_KEY => EcKey::from_pkcs8_der(named_curve(info.algorithm.parameters_oid().ok())?, der).map(Material::Ec),
        #[cfg(feature = "eddsa")]
        ED25519 => Ed25519Key::from_pkcs8_der(der).map(Material::Ed25519),
        _ => Err(algorithm_unsupported(&oid)),
    }
}

/// A private key from a DER SEC1 `ECPrivateKey`, which must name its curve.
#[cfg(feature = "ecdsa")]
fn from_sec1(der: &[u8]) -> Result<Material, Error> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(|e| invalid(format!("the EC private key is not a valid SEC1 ECPrivateKey: {e}")))?;
    let curve = named_curve(key.parameters.and_then(|p| p.named_curve()))?;
    EcKey::from_sec1_der(curve, der).map(Material::Ec)
}

/// The public key of an X.509 certificate.
fn from_certificate(der: &[u8]) -> Result<Material, Error> {
    let certificate = x509_cert::Certificate::from_der(der).map_err(|e| invalid(format!("the certificate is not valid X.509 DER: {e}")))?;
    let spki = certificate.tbs_certificate().subject_public_key_info().to_der().map_err(|e| invalid(format!("the certificate's public key could not be read: {e}")))?;
    from_spki(&spki)
}

/// Writes a key as PEM: `PRIVATE KEY` (PKCS#8) if it has a private half, else `PUBLIC KEY` (SPKI).
pub(super) fn write_key(material: &Material) -> Result<String, Error> {
    let (spki, pkcs8): (Result<Vec<u8>, Error>, _) = match material {
        Material::Hmac(_) => return Err(invalid("a shared secret has no PEM form; export it with toJwk / to_jwk instead")),
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => (rsa.spki_der(), rsa.pkcs8_der()),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => (ec.spki_der(), ec.pkcs8_der()),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => (ed.spki_der(), ed.pkcs8_der()),
    };
    let encode = |label: &str, der: &[u8]| der::pem::encode_string(label, LineEnding::LF, der).map_err(|_| invalid("the key could not be written as PEM"));
    match pkcs8 {
        Some(der) => encode("PRIVATE KEY", &der?),
        None => encode("PUBLIC KEY", &spki?),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_block_among_other_text() {
        let text = "Bag Attributes\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n";
        assert_eq!(first_block(text).unwrap(), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
        for bad in ["", "no pem", "-----BEGIN X-----\nAAAA\n", "-----BEGIN X-----\n-----END X"] {
            assert_eq!(first_block(bad).unwrap_err().code(), ErrorCode::InvalidKey, "{bad}");
        }
    }

    #[test]
    fn unknown_labels_and_encrypted_keys_are_refused() {
        let e = parse_key("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n").unwrap_err();
        assert!(e.message().contains("encrypted"), "{e}");
        let e = parse_key("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n").unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedAlg);
        let e = parse_key("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey);
    }
}
