//! Key management (RFC 7518 section 4): how the content encryption key (CEK) reaches
//! the recipient. `dir` shares it, the AES key wraps carry it wrapped, ECDH-ES derives
//! it (or the key that wraps it). Every unwrap failure is [`failed`].

use alloc::vec::Vec;

use aes::{Aes128, Aes192, Aes256};
use aes_kw::{AesKw, KeyInit};
use zeroize::Zeroizing;

#[cfg(any(feature = "rand", feature = "rsa"))]
use super::algorithms::ContentEncryption;
use super::algorithms::KeyManagement;
use super::compact::JweHeader;
use super::content::{failed, gcm_decrypt};
use crate::error::{Error, Part};
use crate::keys::{Key, Material};

/// The secret of a shared key; [`super::key_use::permits`] has checked the kind and length.
fn secret(key: &Key) -> &[u8] {
    match key.material() {
        Material::Hmac(secret) => secret.bytes(),
        #[allow(unreachable_patterns)]
        _ => unreachable!("permits checked the key is a shared secret"),
    }
}

/// AES Key Wrap (RFC 3394) unwrap of a key of `len` bytes.
fn kw_unwrap(kek: &[u8], wrapped: &[u8], len: usize) -> Result<Zeroizing<Vec<u8>>, Error> {
    fn run<A>(kek: &[u8], wrapped: &[u8], out: &mut [u8]) -> bool
    where
        AesKw<A>: KeyInit,
        A: aes::cipher::BlockCipherDecrypt + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>,
    {
        AesKw::<A>::new_from_slice(kek).is_ok_and(|kw| kw.unwrap_key(wrapped, out).is_ok())
    }
    if wrapped.len() != len + 8 {
        return Err(failed());
    }
    let mut out = Zeroizing::new(alloc::vec![0u8; len]);
    let ok = match kek.len() {
        16 => run::<Aes128>(kek, wrapped, &mut out),
        24 => run::<Aes192>(kek, wrapped, &mut out),
        32 => run::<Aes256>(kek, wrapped, &mut out),
        _ => false,
    };
    if ok { Ok(out) } else { Err(failed()) }
}

/// AES Key Wrap of `cek` under `kek`.
#[cfg(feature = "rand")]
pub(crate) fn kw_wrap(kek: &[u8], cek: &[u8]) -> Vec<u8> {
    fn run<A>(kek: &[u8], cek: &[u8], out: &mut [u8])
    where
        AesKw<A>: KeyInit,
        A: aes::cipher::BlockCipherEncrypt + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16>,
    {
        AesKw::<A>::new_from_slice(kek).expect("the key has the cipher's length").wrap_key(cek, out).expect("the CEK is a multiple of 8 bytes");
    }
    let mut out = alloc::vec![0u8; cek.len() + 8];
    match kek.len() {
        16 => run::<Aes128>(kek, cek, &mut out),
        24 => run::<Aes192>(kek, cek, &mut out),
        _ => run::<Aes256>(kek, cek, &mut out),
    }
    out
}

fn header_bytes(header: &JweHeader, name: &str, len: usize) -> Result<Vec<u8>, Error> {
    header.bytes(name)?.filter(|b| b.len() == len).ok_or_else(|| {
        Error::malformed(Part::Header, 0, message!(header.alg, " needs the header \"", name, "\": ", len, " bytes of base64url"))
    })
}

/// The content encryption key of a token, with a key that [`super::key_use::permits`] its algorithms.
pub(crate) fn unwrap(key: &Key, header: &JweHeader, encrypted_key: &[u8]) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (alg, enc) = (header.alg, header.enc);
    if alg.is_direct() && !encrypted_key.is_empty() {
        return Err(Error::malformed(Part::Token, header.json.len(), message!("with ", alg, " the encrypted key segment must be empty")));
    }
    match alg {
        KeyManagement::Dir => Ok(Zeroizing::new(secret(key).to_vec())),
        KeyManagement::A128KW | KeyManagement::A192KW | KeyManagement::A256KW => kw_unwrap(secret(key), encrypted_key, enc.key_len()),
        KeyManagement::A128GCMKW | KeyManagement::A192GCMKW | KeyManagement::A256GCMKW => {
            let (iv, tag) = (header_bytes(header, "iv", 12)?, header_bytes(header, "tag", 16)?);
            let cek = Zeroizing::new(gcm_decrypt(secret(key), &iv, &[], encrypted_key, &tag)?);
            if cek.len() == enc.key_len() { Ok(cek) } else { Err(failed()) }
        }
        #[cfg(feature = "rsa")]
        KeyManagement::RsaOaep | KeyManagement::RsaOaep256 => {
            let Material::Rsa(rsa) = key.material() else { unreachable!("permits checked the key is an RSA key") };
            match rsa.oaep_decrypt(alg == KeyManagement::RsaOaep256, encrypted_key).filter(|cek| cek.len() == enc.key_len()) {
                Some(cek) => Ok(cek),
                None => substitute_key(enc),
            }
        }
        KeyManagement::EcdhEs | KeyManagement::EcdhEsA128KW | KeyManagement::EcdhEsA192KW | KeyManagement::EcdhEsA256KW => {
            let z = super::ecdh::recipient_secret(key, header.map.get("epk"))?;
            let (apu, apv) = (header.bytes("apu")?.unwrap_or_default(), header.bytes("apv")?.unwrap_or_default());
            match alg.wrap_key_len() {
                None => Ok(super::ecdh::concat_kdf(&z, enc.name(), &apu, &apv, enc.key_len())),
                Some(len) => kw_unwrap(&super::ecdh::concat_kdf(&z, alg.name(), &apu, &apv, len), encrypted_key, enc.key_len()),
            }
        }
    }
}

/// After a failed RSA unwrap, a random key to carry on with (RFC 7516 section 11.5): the
/// failure then shows only at the tag, as a forged tag's would, and the time taken does not
/// tell a padding failure apart (no Bleichenbacher/Manger timing oracle). Without
/// randomness the failure is returned at once.
#[cfg(feature = "rsa")]
fn substitute_key(enc: ContentEncryption) -> Result<Zeroizing<Vec<u8>>, Error> {
    #[cfg(feature = "rand")]
    {
        let mut key = Zeroizing::new(alloc::vec![0u8; enc.key_len()]);
        crate::algorithms::random::fill(&mut key)?;
        Ok(key)
    }
    #[cfg(not(feature = "rand"))]
    {
        let _ = enc;
        Err(failed())
    }
}

/// How a new token carries its key: the CEK, the encrypted key, and header members to add.
#[cfg(feature = "rand")]
pub(crate) struct Wrapped {
    pub cek: Zeroizing<Vec<u8>>,
    pub encrypted_key: Vec<u8>,
    pub header: Vec<(&'static str, crate::json::Value)>,
}

/// Makes a CEK for `enc` and wraps it for `key` with `alg` (whose use `permits` checked);
/// `apu`/`apv` go into ECDH-ES's key derivation.
#[cfg(feature = "rand")]
pub(crate) fn wrap(key: &Key, alg: KeyManagement, enc: ContentEncryption, apu: &[u8], apv: &[u8]) -> Result<Wrapped, Error> {
    let random = |len: usize| -> Result<Zeroizing<Vec<u8>>, Error> {
        let mut bytes = Zeroizing::new(alloc::vec![0u8; len]);
        crate::algorithms::random::fill(&mut bytes)?;
        Ok(bytes)
    };
    match alg {
        KeyManagement::Dir => Ok(Wrapped { cek: Zeroizing::new(secret(key).to_vec()), encrypted_key: Vec::new(), header: Vec::new() }),
        KeyManagement::A128KW | KeyManagement::A192KW | KeyManagement::A256KW => {
            let cek = random(enc.key_len())?;
            Ok(Wrapped { encrypted_key: kw_wrap(secret(key), &cek), cek, header: Vec::new() })
        }
        KeyManagement::A128GCMKW | KeyManagement::A192GCMKW | KeyManagement::A256GCMKW => {
            let (cek, iv) = (random(enc.key_len())?, random(12)?);
            let (encrypted_key, tag) = super::content::gcm_encrypt(secret(key), &iv, &[], &cek);
            let b64 = |bytes: &[u8]| crate::json::Value::from(crate::base64url::encode(bytes));
            Ok(Wrapped { cek, encrypted_key, header: alloc::vec![("iv", b64(&iv)), ("tag", b64(&tag))] })
        }
        #[cfg(feature = "rsa")]
        KeyManagement::RsaOaep | KeyManagement::RsaOaep256 => {
            let Material::Rsa(rsa) = key.material() else { unreachable!("permits checked the key is an RSA key") };
            let cek = random(enc.key_len())?;
            Ok(Wrapped { encrypted_key: rsa.oaep_encrypt(alg == KeyManagement::RsaOaep256, &cek)?, cek, header: Vec::new() })
        }
        KeyManagement::EcdhEs | KeyManagement::EcdhEsA128KW | KeyManagement::EcdhEsA192KW | KeyManagement::EcdhEsA256KW => {
            let (z, epk) = super::ecdh::sender_secret(key)?;
            let header = alloc::vec![("epk", epk)];
            match alg.wrap_key_len() {
                None => Ok(Wrapped { cek: super::ecdh::concat_kdf(&z, enc.name(), apu, apv, enc.key_len()), encrypted_key: Vec::new(), header }),
                Some(len) => {
                    let cek = random(enc.key_len())?;
                    let encrypted_key = kw_wrap(&super::ecdh::concat_kdf(&z, alg.name(), apu, apv, len), &cek);
                    Ok(Wrapped { cek, encrypted_key, header })
                }
            }
        }
    }
}
