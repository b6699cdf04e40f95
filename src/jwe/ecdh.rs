//! ECDH-ES key agreement (RFC 7518 section 4.6) on P-256, P-384 and P-521: the
//! ephemeral public key `epk` is checked to be a point on the recipient key's curve
//! (the invalid-curve attack), and the Concat KDF (NIST SP 800-56A 5.8.1) over
//! SHA-256 turns the shared secret into the key, with `apu` and `apv` in its input.

use alloc::format;
use alloc::vec::Vec;

use crate::json::Value;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::algorithms::ecdsa::{Curve, EcKey};
use crate::base64url;
use crate::error::{Error, ErrorCode, Part};

fn epk_error(message: &str) -> Error {
    Error::malformed(Part::Header, 0, format!("the header \"epk\" {message}"))
}

/// The shared secret `Z` of the recipient's private key and the token's `epk`.
pub(crate) fn agree(key: &EcKey, epk: Option<&Value>) -> Result<Zeroizing<Vec<u8>>, Error> {
    let epk = epk.and_then(Value::as_object).ok_or_else(|| epk_error("is required by ECDH-ES and must be a JWK object"))?;
    let member = |name: &str| epk.get(name).and_then(Value::as_str);
    if member("kty") != Some("EC") {
        return Err(epk_error("must be an EC key (kty \"EC\")"));
    }
    let curve = key.curve();
    if member("crv") != Some(curve.jwk_name()) {
        return Err(Error::new(ErrorCode::KeyMismatch, format!("the header \"epk\" is not on {}, the curve of the key", curve.jwk_name())).in_part(Part::Header));
    }
    let coordinate = |name: &str| {
        member(name)
            .and_then(|text| base64url::decode(text.as_bytes()).ok())
            .filter(|bytes| bytes.len() == curve.field_len())
            .ok_or_else(|| epk_error(&format!("member \"{name}\" must be {} bytes of base64url", curve.field_len())))
    };
    let mut point = alloc::vec![0x04];
    point.extend(coordinate("x")?);
    point.extend(coordinate("y")?);
    let secret = key.secret_bytes().ok_or_else(|| Error::new(ErrorCode::KeyMismatch, "this is a public key, which can only encrypt; decrypting needs the private key"))?;
    shared_secret(curve, &secret, &point).ok_or_else(|| epk_error(&format!("is not a point on {}", curve.jwk_name())))
}

/// `d` with the SEC1 uncompressed point on `curve`; `None` when the point is not on the curve.
fn shared_secret(curve: Curve, d: &[u8], point: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    macro_rules! on {
        ($krate:ident) => {{
            let public = $krate::PublicKey::from_sec1_bytes(point).ok()?;
            let secret = $krate::SecretKey::from_slice(d).ok()?;
            Some(Zeroizing::new(secret.diffie_hellman(&public).raw_secret_bytes().to_vec()))
        }};
    }
    match curve {
        Curve::P256 => on!(p256),
        Curve::P384 => on!(p384),
        Curve::P521 => on!(p521),
    }
}

/// A fresh ephemeral key on `recipient`'s curve: the shared secret and the `epk` JWK.
#[cfg(feature = "rand")]
pub(crate) fn ephemeral(recipient: &EcKey) -> Result<(Zeroizing<Vec<u8>>, Value), Error> {
    let curve = recipient.curve();
    let (x, y) = recipient.coordinates();
    let mut point = alloc::vec![0x04];
    point.extend(x);
    point.extend(y);
    loop {
        let ephemeral = EcKey::generate(curve)?;
        let secret = ephemeral.secret_bytes().expect("a generated key is private");
        if let Some(z) = shared_secret(curve, &secret, &point) {
            let (x, y) = ephemeral.coordinates();
            let mut epk = crate::json::Map::new();
            epk.insert("kty".into(), "EC".into());
            epk.insert("crv".into(), curve.jwk_name().into());
            epk.insert("x".into(), base64url::encode(&x).into());
            epk.insert("y".into(), base64url::encode(&y).into());
            epk.sort_by_name();
            return Ok((z, Value::Object(epk)));
        }
    }
}

/// The Concat KDF of RFC 7518 4.6.2: `len` bytes from SHA-256(counter || Z || OtherInfo),
/// OtherInfo = AlgorithmID || PartyUInfo || PartyVInfo || SuppPubInfo (each length-prefixed,
/// SuppPubInfo the key length in bits).
pub(crate) fn concat_kdf(z: &[u8], algorithm_id: &str, apu: &[u8], apv: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let prefixed = |data: &[u8]| [&(data.len() as u32).to_be_bytes()[..], data].concat();
    let other_info = [prefixed(algorithm_id.as_bytes()), prefixed(apu), prefixed(apv), ((len * 8) as u32).to_be_bytes().to_vec()].concat();
    let mut out = Zeroizing::new(Vec::with_capacity(len + 32));
    for counter in 1u32.. {
        if out.len() >= len {
            break;
        }
        let mut hash = Sha256::new();
        hash.update(counter.to_be_bytes());
        hash.update(z);
        hash.update(&other_info);
        out.extend_from_slice(&hash.finalize());
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7518 appendix C: Z, "A128GCM", apu "Alice", apv "Bob" give this 128-bit key.
    #[test]
    fn rfc7518_appendix_c() {
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let key = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 16);
        assert_eq!(base64url::encode(&key), "VqqN6vgjbSBcIijNcacQGg");
    }
}
