//! ECDH-ES key agreement (RFC 7518 section 4.6) on P-256, P-384 and P-521, and on
//! X25519 (RFC 8037 section 3.2): the ephemeral public key `epk` is checked to be a point
//! on the recipient key's curve (the invalid-curve attack), or for X25519 not to be of low
//! order, and the Concat KDF (NIST SP 800-56A 5.8.1) over SHA-256 turns the shared secret
//! into the key, with `apu` and `apv` in its input.

use alloc::vec::Vec;

use crate::json::Value;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

#[cfg(feature = "ecdsa")]
use crate::algorithms::ecdsa::{Curve, EcKey};
use crate::algorithms::x25519::{x25519, X25519Key, KEY_LEN};
use crate::base64url;
use crate::error::{Error, ErrorCode, Part};
use crate::keys::{Key, Material};

fn epk_error(message: &str) -> Error {
    Error::malformed(Part::Header, 0, message!("the header \"epk\" ", message))
}

/// The shared secret `Z` of the recipient's private key, an EC or X25519 key (as
/// [`super::key_use::permits`] checked), and the token's `epk`.
pub(crate) fn recipient_secret(key: &Key, epk: Option<&Value>) -> Result<Zeroizing<Vec<u8>>, Error> {
    match key.material() {
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => agree(ec, epk),
        Material::X25519(x) => agree_x25519(x, epk),
        _ => unreachable!("permits checked the key is an EC or X25519 key"),
    }
}

/// A fresh ephemeral key agreed with the recipient's EC or X25519 key: the shared secret and the `epk` JWK.
#[cfg(feature = "rand")]
pub(crate) fn sender_secret(recipient: &Key) -> Result<(Zeroizing<Vec<u8>>, Value), Error> {
    match recipient.material() {
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => ephemeral(ec),
        Material::X25519(x) => ephemeral_x25519(x),
        _ => unreachable!("permits checked the key is an EC or X25519 key"),
    }
}

/// The string members of the `epk` JWK object, by name.
fn epk_members<'a>(epk: Option<&'a Value>) -> Result<impl Fn(&str) -> Option<&'a str>, Error> {
    let epk = epk.and_then(Value::as_object).ok_or_else(|| epk_error("is required by ECDH-ES and must be a JWK object"))?;
    Ok(move |name: &str| epk.get(name).and_then(Value::as_str))
}

fn needs_private_key() -> Error {
    Error::new(ErrorCode::KeyMismatch, "this is a public key, which can only encrypt; decrypting needs the private key")
}

/// `Z` of an X25519 private key and an `epk` on X25519 (`kty` "OKP", 32 bytes of `x`);
/// a low-order `epk`, which makes `Z` zero whatever the key, is refused.
fn agree_x25519(key: &X25519Key, epk: Option<&Value>) -> Result<Zeroizing<Vec<u8>>, Error> {
    let member = epk_members(epk)?;
    // The curve first: a token for an EC key (kty "EC", crv "P-256") is one for another key.
    if member("crv") != Some("X25519") {
        return Err(Error::new(ErrorCode::KeyMismatch, "the header \"epk\" is not on X25519, the curve of the key").in_part(Part::Header));
    }
    if member("kty") != Some("OKP") {
        return Err(epk_error("on X25519 must be an OKP key (kty \"OKP\")"));
    }
    let u: [u8; KEY_LEN] = member("x")
        .and_then(|text| base64url::decode(text.as_bytes()).ok())
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| epk_error("member \"x\" must be 32 bytes of base64url"))?;
    let d = key.secret_bytes().ok_or_else(needs_private_key)?;
    let z = x25519(d, &u).ok_or_else(|| epk_error("is an X25519 point of low order, which would make the shared secret zero (RFC 7748 section 6.1)"))?;
    Ok(Zeroizing::new(z.to_vec()))
}

/// A fresh ephemeral X25519 key: the secret it shares with `recipient`, and its `epk` JWK.
#[cfg(feature = "rand")]
fn ephemeral_x25519(recipient: &X25519Key) -> Result<(Zeroizing<Vec<u8>>, Value), Error> {
    let ephemeral = X25519Key::generate()?;
    let d = ephemeral.secret_bytes().expect("a generated key is private");
    let z = x25519(d, recipient.public_bytes())
        .ok_or_else(|| Error::new(ErrorCode::InvalidKey, "the recipient's X25519 public key is of low order; no secret can be agreed with it"))?;
    let mut epk = crate::json::Map::new();
    epk.insert("crv".into(), "X25519".into());
    epk.insert("kty".into(), "OKP".into());
    epk.insert("x".into(), base64url::encode(ephemeral.public_bytes()).into());
    Ok((Zeroizing::new(z.to_vec()), Value::Object(epk)))
}

/// The shared secret `Z` of the recipient's private EC key and the token's `epk`.
#[cfg(feature = "ecdsa")]
fn agree(key: &EcKey, epk: Option<&Value>) -> Result<Zeroizing<Vec<u8>>, Error> {
    let member = epk_members(epk)?;
    if member("kty") != Some("EC") {
        return Err(epk_error("must be an EC key (kty \"EC\")"));
    }
    let curve = key.curve();
    if member("crv") != Some(curve.jwk_name()) {
        return Err(Error::new(ErrorCode::KeyMismatch, message!("the header \"epk\" is not on ", curve.jwk_name(), ", the curve of the key")).in_part(Part::Header));
    }
    let coordinate = |name: &str| {
        member(name)
            .and_then(|text| base64url::decode(text.as_bytes()).ok())
            .filter(|bytes| bytes.len() == curve.field_len())
            .ok_or_else(|| epk_error(&message!("member \"", name, "\" must be ", curve.field_len(), " bytes of base64url")))
    };
    let mut point = alloc::vec![0x04];
    point.extend(coordinate("x")?);
    point.extend(coordinate("y")?);
    let secret = key.secret_bytes().ok_or_else(needs_private_key)?;
    shared_secret(curve, &secret, &point).ok_or_else(|| epk_error(&message!("is not a point on ", curve.jwk_name())))
}

/// `d` with the SEC1 uncompressed point on `curve`; `None` when the point is not on the curve.
#[cfg(feature = "ecdsa")]
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
#[cfg(all(feature = "rand", feature = "ecdsa"))]
fn ephemeral(recipient: &EcKey) -> Result<(Zeroizing<Vec<u8>>, Value), Error> {
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

    /// RFC 7518 appendix C: the shared secret Z of Alice's ephemeral key and Bob's key.
    const RFC7518_C_Z: [u8; 32] = [
        158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
    ];

    /// RFC 7518 appendix C: Z, "A128GCM", apu "Alice", apv "Bob" give this 128-bit key.
    #[test]
    fn rfc7518_appendix_c() {
        let key = concat_kdf(&RFC7518_C_Z, "A128GCM", b"Alice", b"Bob", 16);
        assert_eq!(base64url::encode(&key), "VqqN6vgjbSBcIijNcacQGg");
    }

    /// RFC 7518 appendix C from its keys: Bob's key with the header's `epk` (Alice's ephemeral
    /// public key), and Alice's ephemeral key with Bob's public key, agree on the RFC's Z, and
    /// the header's `enc`, `apu` and `apv` derive the RFC's content key.
    #[cfg(feature = "ecdsa")]
    #[test]
    fn rfc7518_appendix_c_from_the_keys() {
        // Alice's ephemeral key and Bob's key (RFC 7518 appendix C).
        let alice = r#"{"kty":"EC","crv":"P-256","x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps","d":"0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"}"#;
        let bob = r#"{"kty":"EC","crv":"P-256","x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ","y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck","d":"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"}"#;
        // The JWE header of RFC 7518 appendix C.
        let header = r#"{"alg":"ECDH-ES","enc":"A128GCM","apu":"QWxpY2U","apv":"Qm9i","epk":{"kty":"EC","crv":"P-256","x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}}"#;
        let header = crate::json::parse_object(header.as_bytes()).unwrap();
        let z = recipient_secret(&Key::from_jwk(bob).unwrap(), header.get("epk")).unwrap();
        assert_eq!(*z, RFC7518_C_Z);
        let mut bob_public = crate::json::parse_object(bob.as_bytes()).unwrap();
        bob_public.remove("d");
        let z = recipient_secret(&Key::from_jwk(alice).unwrap(), Some(&Value::Object(bob_public))).unwrap();
        assert_eq!(*z, RFC7518_C_Z);
        let party = |name: &str| base64url::decode(header.get(name).and_then(Value::as_str).unwrap().as_bytes()).unwrap();
        assert_eq!((party("apu"), party("apv")), (b"Alice".to_vec(), b"Bob".to_vec()));
        let enc = header.get("enc").and_then(Value::as_str).unwrap();
        assert_eq!(base64url::encode(&concat_kdf(&z, enc, &party("apu"), &party("apv"), 16)), "VqqN6vgjbSBcIijNcacQGg");
    }
}
