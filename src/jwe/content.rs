//! Content encryption (RFC 7518 section 5): AES-GCM, and AES-CBC with HMAC-SHA-2
//! (encrypt-then-MAC, the tag checked in constant time before any decryption).
//! Every failure is the same [`failed`] error, so that no padding or tag oracle exists.

use alloc::vec::Vec;

use aes::{Aes128, Aes192, Aes256};
use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::AesGcm;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockModeDecrypt, KeyIvInit};
#[cfg(any(test, feature = "rand"))]
use cbc::cipher::BlockModeEncrypt;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

use super::algorithms::ContentEncryption;
use crate::error::{Error, ErrorCode};

/// The one error of every tag, padding or unwrap failure.
pub(crate) fn failed() -> Error {
    Error::new(ErrorCode::DecryptionFailed, "the token could not be decrypted with this key: it was altered, or encrypted to another key")
}

type Gcm<A> = AesGcm<A, aes_gcm::aead::consts::U12>;

/// Decrypts with AES-GCM; `key`, `iv` and `tag` must have the lengths of `enc`.
pub(crate) fn gcm_decrypt(key: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>, Error> {
    fn run<A>(key: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>, Error>
    where
        Gcm<A>: KeyInit + AeadInOut,
    {
        let cipher = Gcm::<A>::new_from_slice(key).map_err(|_| failed())?;
        let (Ok(nonce), Ok(tag)) = (iv.try_into(), tag.try_into()) else { return Err(failed()) };
        let mut buffer = ciphertext.to_vec();
        cipher.decrypt_inout_detached(nonce, aad, buffer.as_mut_slice().into(), tag).map_err(|_| failed())?;
        Ok(buffer)
    }
    match key.len() {
        16 => run::<Aes128>(key, iv, aad, ciphertext, tag),
        24 => run::<Aes192>(key, iv, aad, ciphertext, tag),
        32 => run::<Aes256>(key, iv, aad, ciphertext, tag),
        _ => Err(failed()),
    }
}

/// Encrypts with AES-GCM: `(ciphertext, tag)`.
#[cfg(any(test, feature = "rand"))]
pub(crate) fn gcm_encrypt(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> (Vec<u8>, Vec<u8>) {
    fn run<A>(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> (Vec<u8>, Vec<u8>)
    where
        Gcm<A>: KeyInit + AeadInOut,
    {
        let cipher = Gcm::<A>::new_from_slice(key).expect("the key has the cipher's length");
        let mut buffer = plaintext.to_vec();
        let tag = cipher.encrypt_inout_detached(iv.try_into().expect("a 96-bit IV"), aad, buffer.as_mut_slice().into()).expect("JWE contents are far below the GCM limit");
        (buffer, tag.to_vec())
    }
    match key.len() {
        16 => run::<Aes128>(key, iv, aad, plaintext),
        24 => run::<Aes192>(key, iv, aad, plaintext),
        _ => run::<Aes256>(key, iv, aad, plaintext),
    }
}

/// The CBC-HMAC tag: the first half of HMAC(MAC_KEY, A || IV || C || AL) (RFC 7518 5.2.2.1).
fn cbc_tag(enc: ContentEncryption, mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    fn mac<M: Mac + KeyInit>(mac_key: &[u8], parts: [&[u8]; 4]) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(mac_key).expect("HMAC takes any key length");
        parts.iter().for_each(|p| m.update(p));
        m.finalize().into_bytes().to_vec()
    }
    let al = (aad.len() as u64 * 8).to_be_bytes();
    let parts = [aad, iv, ciphertext, &al[..]];
    let mut full = match enc {
        ContentEncryption::A128CbcHs256 => mac::<Hmac<Sha256>>(mac_key, parts),
        ContentEncryption::A192CbcHs384 => mac::<Hmac<Sha384>>(mac_key, parts),
        _ => mac::<Hmac<Sha512>>(mac_key, parts),
    };
    full.truncate(enc.tag_len());
    full
}

fn aes_cbc_decrypt(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
    fn run<A>(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Result<Vec<u8>, Error>
    where
        A: aes::cipher::BlockCipherDecrypt + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16> + KeyInit,
    {
        let d = cbc::Decryptor::<A>::new_from_slices(key, iv).map_err(|_| failed())?;
        d.decrypt_padded_vec::<Pkcs7>(ciphertext).map_err(|_| failed())
    }
    match key.len() {
        16 => run::<Aes128>(key, iv, ciphertext),
        24 => run::<Aes192>(key, iv, ciphertext),
        _ => run::<Aes256>(key, iv, ciphertext),
    }
}

#[cfg(any(test, feature = "rand"))]
fn aes_cbc_encrypt(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Vec<u8> {
    fn run<A>(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Vec<u8>
    where
        A: aes::cipher::BlockCipherEncrypt + aes::cipher::BlockSizeUser<BlockSize = aes::cipher::consts::U16> + KeyInit,
    {
        cbc::Encryptor::<A>::new_from_slices(key, iv).expect("key and IV lengths are the cipher's").encrypt_padded_vec::<Pkcs7>(plaintext)
    }
    match key.len() {
        16 => run::<Aes128>(key, iv, plaintext),
        24 => run::<Aes192>(key, iv, plaintext),
        _ => run::<Aes256>(key, iv, plaintext),
    }
}

/// Decrypts and authenticates the content; `aad` is the protected header's base64url text.
pub(crate) fn decrypt(enc: ContentEncryption, cek: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>, Error> {
    if cek.len() != enc.key_len() || iv.len() != enc.iv_len() || tag.len() != enc.tag_len() {
        return Err(failed());
    }
    match enc {
        ContentEncryption::A128GCM | ContentEncryption::A192GCM | ContentEncryption::A256GCM => gcm_decrypt(cek, iv, aad, ciphertext, tag),
        _ => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let expected = cbc_tag(enc, mac_key, aad, iv, ciphertext);
            if !bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_slice(), tag)) {
                return Err(failed());
            }
            aes_cbc_decrypt(enc_key, iv, ciphertext)
        }
    }
}

/// Encrypts the content: `(ciphertext, tag)`; `cek` and `iv` have the lengths of `enc`.
#[cfg(any(test, feature = "rand"))]
pub(crate) fn encrypt(enc: ContentEncryption, cek: &[u8], iv: &[u8], aad: &[u8], plaintext: &[u8]) -> (Vec<u8>, Vec<u8>) {
    match enc {
        ContentEncryption::A128GCM | ContentEncryption::A192GCM | ContentEncryption::A256GCM => gcm_encrypt(cek, iv, aad, plaintext),
        _ => {
            let (mac_key, enc_key) = cek.split_at(cek.len() / 2);
            let ciphertext = aes_cbc_encrypt(enc_key, iv, plaintext);
            let tag = cbc_tag(enc, mac_key, aad, iv, &ciphertext);
            (ciphertext, tag)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7518 appendix B.1: AES_128_CBC_HMAC_SHA_256.
    #[test]
    fn rfc7518_b1() {
        let key: Vec<u8> = (0u8..32).collect();
        let plaintext = b"A cipher system must not be required to be secret, and it must be able to fall into the hands of the enemy without inconvenience";
        let iv = [0x1a, 0xf3, 0x8c, 0x2d, 0xc2, 0xb9, 0x6f, 0xfd, 0xd8, 0x66, 0x94, 0x09, 0x23, 0x41, 0xbc, 0x04];
        let aad = b"The second principle of Auguste Kerckhoffs";
        let (ciphertext, tag) = encrypt(ContentEncryption::A128CbcHs256, &key, &iv, aad, plaintext);
        assert_eq!(tag, [0x65, 0x2c, 0x3f, 0xa3, 0x6b, 0x0a, 0x7c, 0x5b, 0x32, 0x19, 0xfa, 0xb3, 0xa3, 0x0b, 0xc1, 0xc4]);
        assert_eq!(&ciphertext[..4], &[0xc8, 0x0e, 0xdf, 0xa3]);
        assert_eq!(decrypt(ContentEncryption::A128CbcHs256, &key, &iv, aad, &ciphertext, &tag).unwrap(), plaintext);
        let mut bad = tag.clone();
        bad[15] ^= 1;
        assert_eq!(decrypt(ContentEncryption::A128CbcHs256, &key, &iv, aad, &ciphertext, &bad).unwrap_err().code(), ErrorCode::DecryptionFailed);
        assert_eq!(decrypt(ContentEncryption::A128CbcHs256, &key, &iv, aad, &ciphertext, &tag[..15]).unwrap_err().code(), ErrorCode::DecryptionFailed);
    }
}
