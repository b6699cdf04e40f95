//! The checks of a signature's encoded message (the output of RSAVP1, as long as the
//! modulus): EMSA-PKCS1-v1_5 and EMSA-PSS-VERIFY, RFC 8017 sections 9.2 and 9.1.2.
//! Everything here is public (the signature, the message's hash), so the comparisons need
//! not be constant-time.

use alloc::vec::Vec;
use sha2::digest::Digest;

/// The DER `DigestInfo` before the hash, for SHA-256, SHA-384 and SHA-512 (RFC 8017
/// section 9.2, note 1): the `AlgorithmIdentifier` with its NULL parameters, which is the
/// only form accepted.
pub(super) const SHA256_DIGEST_INFO: &[u8] = &[0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];
pub(super) const SHA384_DIGEST_INFO: &[u8] = &[0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30];
pub(super) const SHA512_DIGEST_INFO: &[u8] = &[0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40];

/// EMSA-PKCS1-v1_5: `em` must be exactly `00 01 FF..FF 00 DigestInfo hash`, with at least
/// eight `FF` bytes.
pub(super) fn pkcs1v15_matches(em: &[u8], digest_info: &[u8], hash: &[u8]) -> bool {
    let tail = digest_info.len() + hash.len();
    let Some(padding) = em.len().checked_sub(tail + 3).filter(|&len| len >= 8) else { return false };
    let (head, rest) = em.split_at(2);
    let (ff, rest) = rest.split_at(padding);
    let (zero, rest) = rest.split_at(1);
    let (info, signed_hash) = rest.split_at(digest_info.len());
    head == [0x00, 0x01] && ff.iter().all(|&b| b == 0xff) && zero == [0x00] && info == digest_info && signed_hash == hash
}

/// EMSA-PSS-VERIFY with MGF1 over the same hash and a salt as long as the hash (RFC 7518
/// section 3.5). `em` is as long as the modulus, of `modulus_bits`; the encoded message
/// itself has `modulus_bits - 1` bits, so when that is a multiple of 8 `em` starts with a
/// zero byte that is not part of it.
pub(super) fn pss_matches<D: Digest>(em: &[u8], hash: &[u8], modulus_bits: usize) -> bool {
    let em_bits = modulus_bits - 1;
    let em_len = em_bits.div_ceil(8);
    let Some(leading) = em.len().checked_sub(em_len) else { return false };
    let (zeros, em) = em.split_at(leading);
    let h_len = <D as Digest>::output_size();
    let s_len = h_len;
    if zeros.iter().any(|&b| b != 0) || em_len < h_len + s_len + 2 || em[em_len - 1] != 0xbc {
        return false;
    }
    let (masked_db, rest) = em.split_at(em_len - h_len - 1);
    let h = &rest[..h_len];
    // The bits of the first byte above em_bits must be zero.
    let unused_bits = 8 * em_len - em_bits;
    if unused_bits > 0 && masked_db[0] >> (8 - unused_bits) != 0 {
        return false;
    }
    let mut db = mgf1::<D>(h, masked_db.len());
    db.iter_mut().zip(masked_db).for_each(|(d, m)| *d ^= m);
    db[0] &= 0xff >> unused_bits;
    let padding = em_len - h_len - s_len - 2;
    if db[..padding].iter().any(|&b| b != 0) || db[padding] != 0x01 {
        return false;
    }
    let salt = &db[padding + 1..];
    let expected = D::new().chain_update([0u8; 8]).chain_update(hash).chain_update(salt).finalize();
    expected.as_slice() == h
}

/// MGF1 (RFC 8017 appendix B.2.1): `len` bytes of `D(seed || counter)` for counters 0, 1, ...
fn mgf1<D: Digest>(seed: &[u8], len: usize) -> Vec<u8> {
    let mut mask = Vec::with_capacity(len + <D as Digest>::output_size());
    let mut counter = 0u32;
    while mask.len() < len {
        mask.extend_from_slice(&D::new().chain_update(seed).chain_update(counter.to_be_bytes()).finalize());
        counter += 1;
    }
    mask.truncate(len);
    mask
}
