//! SHA-256, SHA-384 and SHA-512 (FIPS 180-4) over `sha2`'s compression functions, for
//! HMAC keys and one-shot SHA-256 (thumbprints, token digests).
//!
//! Why not `sha2`'s `Digest` types: HMAC needs only whole blocks and a padded last block,
//! never buffered updates, and through the `hmac` crate each hash's buffering was
//! compiled in apart (HS384 and HS512 separately, though both are SHA-512): 10 KB of the
//! HMAC-only wasm. Here one generic path serves each family; the rounds stay `sha2`'s.

use sha2::block_api::{compress256, compress512};
use zeroize::Zeroize;

/// A SHA-2 family: its state words, its block and its compression function.
pub(crate) trait Family: Clone {
    /// A state word: `u32` (SHA-256) or `u64` (SHA-384, SHA-512).
    type Word: Copy + Zeroize;
    /// Bytes in a block.
    const BLOCK: usize;
    /// Bytes of the message length at the end of the padding.
    const LENGTH_BYTES: usize;
    /// Compresses `blocks` (whole blocks) into `state`.
    fn compress(state: &mut [Self::Word; 8], blocks: &[u8]);
    /// The state's words, big-endian, as many bytes of them as `out` holds.
    fn write(state: &[Self::Word; 8], out: &mut [u8]);
}

/// SHA-256's family (64-byte blocks, 32-bit words).
#[derive(Clone)]
pub(crate) enum Sha256 {}

/// SHA-384's and SHA-512's family (128-byte blocks, 64-bit words).
#[derive(Clone)]
pub(crate) enum Sha512 {}

impl Family for Sha256 {
    type Word = u32;
    const BLOCK: usize = 64;
    const LENGTH_BYTES: usize = 8;
    fn compress(state: &mut [u32; 8], blocks: &[u8]) {
        compress256(state, blocks.as_chunks().0);
    }
    fn write(state: &[u32; 8], out: &mut [u8]) {
        for (bytes, word) in out.chunks_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes()[..bytes.len()]);
        }
    }
}

impl Family for Sha512 {
    type Word = u64;
    const BLOCK: usize = 128;
    const LENGTH_BYTES: usize = 16;
    fn compress(state: &mut [u64; 8], blocks: &[u8]) {
        compress512(state, blocks.as_chunks().0);
    }
    fn write(state: &[u64; 8], out: &mut [u8]) {
        for (bytes, word) in out.chunks_mut(8).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes()[..bytes.len()]);
        }
    }
}

/// The initial states (FIPS 180-4 section 5.3).
pub(crate) const SHA256_IV: [u32; 8] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
pub(crate) const SHA384_IV: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
pub(crate) const SHA512_IV: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// A hash in progress that has absorbed whole blocks only; zeroed when dropped (HMAC
/// keeps states made from its secret, which are as good as the secret). The last block
/// `finish` pads is not: in a MAC it holds a message's tail or an inner digest, neither of
/// which gives the key (the `hmac` crate leaves its copies too), and zeroing it would cost
/// each MAC two volatile writes of 256 bytes. A secret longer than a block is hashed under
/// `stack::scrubbed` (`hmac::keyed`), which overwrites that stack afterwards.
#[derive(Clone)]
pub(crate) struct State<F: Family> {
    words: [F::Word; 8],
    blocks: u64,
}

impl<F: Family> State<F> {
    pub(crate) fn new(iv: [F::Word; 8]) -> Self {
        State { words: iv, blocks: 0 }
    }

    /// Absorbs the whole blocks at the start of `bytes`; gives back the rest, shorter than a block.
    pub(crate) fn absorb<'b>(&mut self, bytes: &'b [u8]) -> &'b [u8] {
        let (whole, rest) = bytes.split_at(bytes.len() - bytes.len() % F::BLOCK);
        F::compress(&mut self.words, whole);
        self.blocks += (whole.len() / F::BLOCK) as u64;
        rest
    }

    /// The digest of what was absorbed followed by `tail` (shorter than a block), padded as
    /// FIPS 180-4 section 5.1 says, truncated to `out`'s length (SHA-384's 48 bytes).
    pub(crate) fn finish(mut self, tail: &[u8], out: &mut [u8]) {
        debug_assert!(tail.len() < F::BLOCK);
        // The tail, 0x80, zeros and the length in bits: one block, or two when the length
        // does not fit after the tail. Big enough for two of SHA-512's blocks.
        let mut last = [0u8; 256];
        last[..tail.len()].copy_from_slice(tail);
        last[tail.len()] = 0x80;
        let len = if tail.len() < F::BLOCK - F::LENGTH_BYTES { F::BLOCK } else { 2 * F::BLOCK };
        // wasm32 inputs are far below 2^61 bytes: the length's high bits (SHA-512's 128-bit field) are zero.
        let bits = (self.blocks * F::BLOCK as u64 + tail.len() as u64) * 8;
        last[len - 8..len].copy_from_slice(&bits.to_be_bytes());
        F::compress(&mut self.words, &last[..len]);
        F::write(&self.words, out);
    }
}

impl<F: Family> Drop for State<F> {
    fn drop(&mut self) {
        self.words.zeroize();
    }
}

/// The SHA-256 digest of `bytes`.
pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut state = State::<Sha256>::new(SHA256_IV);
    let tail = state.absorb(bytes);
    let mut digest = [0; 32];
    state.finish(tail, &mut digest);
    digest
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;
    use sha2::Digest;

    fn digest<F: Family>(iv: [F::Word; 8], bytes: &[u8], len: usize) -> Vec<u8> {
        let mut state = State::<F>::new(iv);
        let tail = state.absorb(bytes);
        let mut out = alloc::vec![0; len];
        state.finish(tail, &mut out);
        out
    }

    /// Every length across the padding's one- and two-block cases and several blocks, against `sha2`'s own hashers.
    #[test]
    fn digests_equal_sha2s_at_every_length() {
        let message: Vec<u8> = (0..400u32).map(|i| (i * 31 + 7) as u8).collect();
        for len in 0..=message.len() {
            let m = &message[..len];
            assert_eq!(digest::<Sha256>(SHA256_IV, m, 32), sha2::Sha256::digest(m).to_vec(), "SHA-256 of {len} bytes");
            assert_eq!(sha256(m).to_vec(), sha2::Sha256::digest(m).to_vec());
            assert_eq!(digest::<Sha512>(SHA384_IV, m, 48), sha2::Sha384::digest(m).to_vec(), "SHA-384 of {len} bytes");
            assert_eq!(digest::<Sha512>(SHA512_IV, m, 64), sha2::Sha512::digest(m).to_vec(), "SHA-512 of {len} bytes");
        }
    }

    /// FIPS 180-4's "abc" examples, independent of `sha2`'s hashers.
    #[test]
    fn fips_examples() {
        let hex = |bytes: &[u8]| bytes.iter().map(|b| alloc::format!("{b:02x}")).collect::<alloc::string::String>();
        assert_eq!(hex(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(&digest::<Sha512>(SHA384_IV, b"abc", 48)),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            hex(&digest::<Sha512>(SHA512_IV, b"abc", 64)),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
    }
}
