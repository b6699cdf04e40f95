//! PEM keys (RFC 7468): SPKI and PKCS#8 for every family, PKCS#1 for RSA, SEC1 for
//! EC, and the public key inside an X.509 certificate (found by walking the
//! certificate's DER; the certificate's own signature, dates and chain are not checked).

use alloc::string::String;
use alloc::vec::Vec;

use der::pem::LineEnding;
use der::{Decode, Reader, SliceReader, Tag, TagNumber};
#[cfg(feature = "sign")]
use pkcs8::PrivateKeyInfoRef;
use pkcs8::{ObjectIdentifier, SubjectPublicKeyInfoRef};

use super::Material;
#[cfg(feature = "ecdsa")]
use crate::algorithms::ecdsa::{Curve, EcKey};
#[cfg(feature = "eddsa")]
use crate::algorithms::eddsa::Ed25519Key;
#[cfg(feature = "rsa")]
use crate::algorithms::rsa::RsaKey;
#[cfg(feature = "jwe")]
use crate::algorithms::x25519::{self, X25519Key};
use crate::error::{quoted, Error, ErrorCode};
use crate::text::sub;

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
    let (label, der) = der::pem::decode_vec(block.as_bytes()).map_err(pem_error)?;
    let der = zeroize::Zeroizing::new(der);
    match label {
        "PUBLIC KEY" => from_spki(&der),
        #[cfg(feature = "sign")]
        "PRIVATE KEY" => from_pkcs8(&der),
        #[cfg(feature = "rsa")]
        "RSA PUBLIC KEY" => RsaKey::from_pkcs1_public_der(&der).map(Material::rsa),
        #[cfg(all(feature = "rsa", feature = "sign"))]
        "RSA PRIVATE KEY" => RsaKey::from_pkcs1_private_der(&der).map(Material::rsa),
        #[cfg(all(feature = "ecdsa", feature = "sign"))]
        "EC PRIVATE KEY" => from_sec1(&der),
        #[cfg(not(feature = "sign"))]
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => Err(crate::algorithms::private_keys_not_read(&message!("the PEM block \"", label, "\""))),
        "CERTIFICATE" => from_certificate(&der),
        "ENCRYPTED PRIVATE KEY" => Err(invalid("encrypted private keys are not supported; decrypt the key first (openssl pkcs8 -in key.pem -out plain.pem)")),
        other => Err(Error::new(ErrorCode::UnsupportedAlg, message!("PEM blocks labelled \"", quoted(other), "\" are not supported by this build"))),
    }
}

/// The text from the first `-----BEGIN ` line to the end of its `-----END …-----` line.
/// The block is found as `Key::hmac` finds one to refuse it as a secret.
fn first_block(text: &str) -> Result<&str, Error> {
    let start = super::key_text::pem_block_start(text.as_bytes()).ok_or_else(|| invalid("the text holds no PEM block (\"-----BEGIN ...-----\")"))?;
    let end_line = sub(text, start..).find("-----END ").map(|i| start + i).ok_or_else(|| invalid("the PEM block has no \"-----END ...-----\" line"))?;
    let end = sub(text, end_line + 9..).find("-----").map(|i| end_line + 9 + i + 5).ok_or_else(|| invalid("the PEM \"-----END\" line is not closed"))?;
    Ok(sub(text, start..end))
}

/// What is wrong with a PEM block, in fixed words: formatting the crate's error would
/// bring its `Display` code into the wasm.
fn pem_error(e: der::pem::Error) -> Error {
    use der::pem::Error as Pem;
    invalid(match e {
        Pem::HeaderDisallowed => "the PEM block has headers (as in a legacy encrypted key), which RFC 7468 does not allow",
        Pem::Base64(_) | Pem::CharacterEncoding | Pem::EncapsulatedText | Pem::Length => "the PEM block's body is not valid base64",
        _ => "the PEM block's BEGIN or END line is not valid (the two labels must match)",
    })
}

/// An OID in dotted decimal ("1.2.840.10045.3.1.7"), as its `Display` would write it.
impl crate::message::Piece for ObjectIdentifier {
    fn append_to(&self, out: &mut String) {
        for (i, arc) in self.arcs().enumerate() {
            if i > 0 {
                out.push('.');
            }
            crate::message::Piece::append_to(&arc, out);
        }
    }
}

fn algorithm_unsupported(oid: &ObjectIdentifier) -> Error {
    Error::new(ErrorCode::UnsupportedAlg, message!("keys of algorithm ", oid, " are not supported by this build"))
}

#[cfg(feature = "ecdsa")]
fn named_curve(oid: Option<ObjectIdentifier>) -> Result<Curve, Error> {
    let oid = oid.ok_or_else(|| invalid("the EC key does not name its curve"))?;
    Curve::from_oid(&oid).ok_or_else(|| Error::new(ErrorCode::UnsupportedAlg, message!("the EC curve ", oid, " is not supported (P-256, P-384 and P-521 are)")))
}

/// A public key from a DER `SubjectPublicKeyInfo`.
fn from_spki(der: &[u8]) -> Result<Material, Error> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| invalid("the public key is not a valid DER SubjectPublicKeyInfo"))?;
    let oid = spki.algorithm.oid;
    match oid {
        #[cfg(feature = "rsa")]
        RSA_ENCRYPTION => {
            let pkcs1 = spki.subject_public_key.as_bytes().ok_or_else(|| invalid("the RSA public key bits are not whole bytes"))?;
            RsaKey::from_pkcs1_public_der(pkcs1).map(Material::rsa)
        }
        #[cfg(feature = "ecdsa")]
        EC_PUBLIC_KEY => EcKey::from_spki_der(named_curve(spki.algorithm.parameters_oid().ok())?, der).map(Material::ec),
        #[cfg(feature = "eddsa")]
        ED25519 => Ed25519Key::from_spki_der(der).map(Material::ed25519),
        #[cfg(feature = "jwe")]
        x25519::OID => x25519_from_spki(&spki),
        _ => Err(algorithm_unsupported(&oid)),
    }
}

/// A private key from a DER PKCS#8 `PrivateKeyInfo`.
#[cfg(feature = "sign")]
fn from_pkcs8(der: &[u8]) -> Result<Material, Error> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(|_| invalid("the private key is not a valid DER PKCS#8 PrivateKeyInfo"))?;
    let oid = info.algorithm.oid;
    match oid {
        #[cfg(feature = "rsa")]
        RSA_ENCRYPTION => RsaKey::from_pkcs1_private_der(info.private_key.as_bytes()).map(Material::rsa),
        #[cfg(feature = "ecdsa")]
        EC_PUBLIC_KEY => EcKey::from_pkcs8_der(named_curve(info.algorithm.parameters_oid().ok())?, der).map(Material::ec),
        #[cfg(feature = "eddsa")]
        ED25519 => Ed25519Key::from_pkcs8_der(der).map(Material::ed25519),
        #[cfg(feature = "jwe")]
        x25519::OID => x25519_from_pkcs8(&info),
        _ => Err(algorithm_unsupported(&oid)),
    }
}

/// An X25519 public key from its SPKI (RFC 8410: no algorithm parameters, 32 bytes of key).
#[cfg(feature = "jwe")]
fn x25519_from_spki(spki: &SubjectPublicKeyInfoRef<'_>) -> Result<Material, Error> {
    let bits = spki.subject_public_key.as_bytes().filter(|_| spki.algorithm.parameters.is_none());
    let bits = bits.ok_or_else(|| invalid("the X25519 public key is not valid (RFC 8410)"))?;
    X25519Key::from_jwk_bytes(bits, None).map(Material::x25519)
}

/// An X25519 private key from its PKCS#8 (RFC 8410: the scalar as an OCTET STRING inside
/// `privateKey`); a public key beside it (PKCS#8 v2) must belong to it.
#[cfg(feature = "jwe")]
fn x25519_from_pkcs8(info: &PrivateKeyInfoRef<'_>) -> Result<Material, Error> {
    let not_valid = || invalid("the X25519 PKCS#8 private key is not valid (RFC 8410)");
    let scalar = <&der::asn1::OctetStringRef>::from_der(info.private_key.as_bytes()).map_err(|_| not_valid())?;
    if info.algorithm.parameters.is_some() {
        return Err(not_valid());
    }
    let key = match &info.public_key {
        None => X25519Key::from_private(scalar.as_bytes())?,
        Some(public) => X25519Key::from_jwk_bytes(public.as_bytes().ok_or_else(not_valid)?, Some(scalar.as_bytes()))?,
    };
    Ok(Material::x25519(key))
}

/// A private key from a DER SEC1 `ECPrivateKey`, which must name its curve.
#[cfg(all(feature = "ecdsa", feature = "sign"))]
fn from_sec1(der: &[u8]) -> Result<Material, Error> {
    let key = sec1::EcPrivateKey::from_der(der).map_err(|_| invalid("the EC private key is not a valid DER SEC1 ECPrivateKey"))?;
    let curve = named_curve(key.parameters.and_then(|p| p.named_curve()))?;
    EcKey::from_sec1_der(curve, der).map(Material::ec)
}

/// The public key of an X.509 certificate.
fn from_certificate(der: &[u8]) -> Result<Material, Error> {
    let spki = certificate_spki(der).map_err(|_| invalid("the certificate is not valid X.509 DER"))?;
    from_spki(spki)
}

/// The DER of the `subjectPublicKeyInfo` in an X.509 certificate (RFC 5280 section 4.1).
/// Only the public key is used, so the other fields are checked for their tag and DER
/// framing rather than decoded: a full X.509 decoder (`x509-cert`) made the wasm
/// 37 KB larger (16 KB gzip).
fn certificate_spki(der: &[u8]) -> der::Result<&[u8]> {
    /// One element, which must have the given tag.
    fn element<'a>(reader: &mut SliceReader<'a>, tag: Tag) -> der::Result<&'a [u8]> {
        Tag::peek(reader)?.assert_eq(tag)?;
        reader.tlv_bytes()
    }
    let mut reader = SliceReader::new(der)?;
    let spki = reader.sequence(|certificate| {
        let spki = certificate.sequence(|tbs| {
            // `version` is `[0] EXPLICIT` and absent from v1 certificates.
            if Tag::peek(tbs)? == (Tag::ContextSpecific { constructed: true, number: TagNumber(0) }) {
                tbs.tlv_bytes()?;
            }
            // serialNumber, signature (AlgorithmIdentifier), issuer, validity, subject.
            element(tbs, Tag::Integer)?;
            for _ in 0..4 {
                element(tbs, Tag::Sequence)?;
            }
            let spki = element(tbs, Tag::Sequence)?;
            // issuerUniqueID, subjectUniqueID and extensions, none of which bear on the key.
            while !tbs.is_finished() {
                tbs.tlv_bytes()?;
            }
            Ok::<_, der::Error>(spki)
        })?;
        element(certificate, Tag::Sequence)?; // signatureAlgorithm
        element(certificate, Tag::BitString)?; // signatureValue
        Ok::<_, der::Error>(spki)
    })?;
    reader.finish()?;
    Ok(spki)
}

/// Writes a key as PEM: `PRIVATE KEY` (PKCS#8) if it has a private half, else `PUBLIC KEY` (SPKI).
/// A private key's PKCS#8 DER, cleared when dropped; `None` for a public key.
type PrivateDer = Option<Result<zeroize::Zeroizing<Vec<u8>>, Error>>;

/// A key's PKCS#8 DER when it is private; without `sign` no key read is private, and the
/// private encoders stay out of the build.
#[cfg(feature = "sign")]
#[cfg_attr(not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa", feature = "jwe")), allow(unused_macros))]
macro_rules! private_der {
    ($key:expr) => {
        $key.pkcs8_der()
    };
}
#[cfg(not(feature = "sign"))]
#[cfg_attr(not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")), allow(unused_macros))]
macro_rules! private_der {
    ($key:expr) => {
        None
    };
}

// With `pem` alone (no asymmetric family) every key is a secret and the match always returns.
#[cfg_attr(not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")), allow(unreachable_code))]
pub(super) fn write_key(material: &Material) -> Result<String, Error> {
    let (spki, pkcs8): (Result<Vec<u8>, Error>, PrivateDer) = match material {
        Material::Hmac(_) => return Err(invalid("a shared secret has no PEM form; export it with toJwk / to_jwk instead")),
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => (rsa.spki_der(), private_der!(rsa)),
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => (ec.spki_der(), private_der!(ec)),
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => (ed.spki_der(), private_der!(ed)),
        #[cfg(feature = "jwe")]
        Material::X25519(x) => (x.spki_der(), private_der!(x)),
    };
    let encode = |label: &str, der: &[u8]| der::pem::encode_string(label, LineEnding::LF, der).map_err(|_| invalid("the key could not be written as PEM"));
    match pkcs8 {
        Some(der) => encode("PRIVATE KEY", &der?),
        None => encode("PUBLIC KEY", &spki?),
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use super::*;

    #[test]
    fn an_oid_is_written_as_its_display_writes_it() {
        let oid = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
        assert_eq!(message!(oid), format!("{oid}"));
    }

    #[test]
    fn finds_the_first_block_among_other_text() {
        let text = "Bag Attributes\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n";
        assert_eq!(first_block(text).unwrap(), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");
        for bad in ["", "no pem", "-----BEGIN X-----\nAAAA\n", "-----BEGIN X-----\n-----END X"] {
            assert_eq!(first_block(bad).unwrap_err().code(), ErrorCode::InvalidKey, "{bad}");
        }
    }

    #[cfg(feature = "eddsa")]
    #[test]
    fn text_before_the_block_is_skipped_as_the_secret_check_skips_it() {
        let bag_attributes = "Bag Attributes\n    friendlyName: signing\n    localKeyID: 01 00 00 00\nKey Attributes: <No Attributes>\n";
        for prefix in ["\u{feff}", "# the signing key\n# rotated 2024\n", bag_attributes, "\u{a0}", "\x0b", "  \r\n"] {
            let text = format!("{prefix}{ED_PUBLIC}");
            assert_eq!(write_key(&parse_key(&text).unwrap()).unwrap(), ED_PUBLIC, "{prefix:?}");
            assert_eq!(crate::Key::hmac(text.as_bytes()).unwrap_err().code(), ErrorCode::InvalidKey, "{prefix:?}");
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

    #[test]
    fn pem_faults_are_named_in_fixed_words() {
        let cases = [
            ("-----BEGIN PUBLIC KEY-----\nAA!A\n-----END PUBLIC KEY-----\n", "body is not valid base64"),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "BEGIN or END line"),
            ("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n", "has headers"),
            ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a valid DER SubjectPublicKeyInfo"),
            ("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a valid DER PKCS#8 PrivateKeyInfo"),
        ];
        for (pem, expected) in cases {
            let e = parse_key(pem).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidKey, "{pem}");
            assert!(e.message().contains(expected), "{pem}: {e}");
        }
    }

    /// An Ed25519 key, and certificates for it made by OpenSSL 3.0: v1 (no `version`
    /// field, `openssl x509 -req`) and v3 with extensions (`openssl req -x509`).
    const ED_PUBLIC: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAT9KXYkqdZAuIDmait/ehBHf25p0c6gcQutwl7tI+cuY=\n-----END PUBLIC KEY-----\n";
    const ED_CERT_V1: &str = "-----BEGIN CERTIFICATE-----\nMIHCMHYCAQEwBQYDK2VwMA0xCzAJBgNVBAMMAnYxMCAXDTI2MTEyMzA3NDIxN1oY\nDzIxMjYxMDMwMDc0MjE3WjANMQswCQYDVQQDDAJ2MTAqMAUGAytlcAMhAE/Sl2JK\nnWQLiA5morf3oQR39uadHOoHELrcJe7SPnLmMAUGAytlcANBAKrAu72mpy8pv8EZ\nuaEksQFX3w8baiTpZsIwehaM6DHU5u0tdU87wSjkNTEMBsB/17b2bJau3P34SK/M\nb4G+Rg8=\n-----END CERTIFICATE-----\n";
    const ED_CERT_V3: &str = "-----BEGIN CERTIFICATE-----\nMIIBHTCB0KADAgECAgEDMAUGAytlcDANMQswCQYDVQQDDAJ2MzAgFw0yNjExMjMw\nNzQyMTdaGA8yMTI2MTAzMDA3NDIxN1owDTELMAkGA1UEAwwCdjMwKjAFBgMrZXAD\nIQBP0pdiSp1kC4gOZqK396EEd/bmnRzqBxC63CXu0j5y5qNTMFEwHQYDVR0OBBYE\nFElWevK6tMUFkEpUJeidP2IKFH2lMB8GA1UdIwQYMBaAFElWevK6tMUFkEpUJeid\nP2IKFH2lMA8GA1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EAVxv7Zdrh/R2qkPREIZg4\nHTuTPaUneQ2KlLtEMkfNtehhaLT3HK+AZK3IXRgir1T4viNEkiFX/4rOalmitim+\nAQ==\n-----END CERTIFICATE-----\n";

    fn certificate_der(pem: &str) -> Vec<u8> {
        der::pem::decode_vec(pem.as_bytes()).unwrap().1
    }

    #[cfg(feature = "eddsa")]
    #[test]
    fn certificates_with_and_without_version_and_extensions_give_their_key() {
        for certificate in [ED_CERT_V1, ED_CERT_V3] {
            assert_eq!(write_key(&parse_key(certificate).unwrap()).unwrap(), ED_PUBLIC);
        }
    }

    #[test]
    fn truncated_padded_or_garbage_certificates_are_refused() {
        for certificate in [ED_CERT_V1, ED_CERT_V3] {
            let der = certificate_der(certificate);
            assert!(certificate_spki(&der).is_ok());
            for len in 0..der.len() {
                assert!(certificate_spki(&der[..len]).is_err(), "cut at {len}");
            }
            let mut padded = der.clone();
            padded.push(0);
            assert!(certificate_spki(&padded).is_err());
        }
        let spki = certificate_der(ED_PUBLIC);
        let garbage: [&[u8]; 4] = [b"", b"\x30\x00", b"\x30\x03\x30\x01\x00", &spki];
        for der in garbage {
            assert!(certificate_spki(der).is_err(), "{der:02x?}");
        }
        // A certificate whose serial number is not an INTEGER.
        let mut der = certificate_der(ED_CERT_V1);
        assert_eq!(der[5], 0x02);
        der[5] = 0x04;
        assert!(certificate_spki(&der).is_err());
        // Through the PEM reader: a public key labelled CERTIFICATE.
        let e = parse_key(&ED_PUBLIC.replace("PUBLIC KEY", "CERTIFICATE")).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::InvalidKey, "the certificate is not valid X.509 DER"));
    }
}
