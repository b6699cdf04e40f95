//! HS256, HS384 and HS512 (RFC 7518 section 3.2).

use alloc::boxed::Box;
use alloc::vec::Vec;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use once_cell::race::OnceBox;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::Algorithm;
use crate::error::{Error, ErrorCode};

/// An HMAC secret, and the keyed hash state of each algorithm made at its first use and
/// kept, so that each verify starts from a cloned state. A key that is made but not used
/// (or made by the thousand) holds only its secret; most keys serve one algorithm.
#[derive(Clone)]
pub(crate) struct HmacKey {
    secret: Zeroizing<Vec<u8>>,
    hs256: OnceBox<Keyed<Hmac<Sha256>, 64>>,
    hs384: OnceBox<Keyed<Hmac<Sha384>, 128>>,
    hs512: OnceBox<Keyed<Hmac<Sha512>, 128>>,
}

/// One algorithm's keyed state, and the state after a first block of input (`B` bytes, the
/// hash's block) that lies in a token's header (it has no `.`), kept with that block from
/// the first message that starts with one: the tokens one key signs or verifies mostly share
/// their header, and a header with a `kid` fills a block of SHA-256, whose hashing the next
/// token then skips (one compression of the 6 or 7 of a typical HS256 token). A block with
/// payload in it is not kept: tokens would seldom share it. A message that starts otherwise
/// is MACed from the keyed state.
#[derive(Clone)]
struct Keyed<M, const B: usize> {
    state: M,
    primed: OnceBox<([u8; B], M)>,
}

impl<M: Mac + Clone, const B: usize> Keyed<M, B> {
    /// The state that has MACed `input` (and nothing more is to be added).
    fn after(&self, input: &[u8]) -> M {
        let kept = |block: &[u8; B]| match self.primed.get() {
            None if has_dot(block) => None,
            None => Some(self.primed.get_or_init(|| self.prime(block))),
            kept => kept,
        };
        let (mut state, rest) = match input.split_first_chunk::<B>() {
            Some((block, rest)) => match kept(block) {
                Some((first, primed)) if first == block => (primed.clone(), rest),
                _ => (self.state.clone(), input),
            },
            None => (self.state.clone(), input),
        };
        absorb(&mut state, rest);
        state
    }

    #[inline(never)]
    fn prime(&self, block: &[u8; B]) -> Box<([u8; B], M)> {
        let mut state = self.state.clone();
        absorb(&mut state, block);
        Box::new((*block, state))
    }
}

/// Whether `block` (of whole words) has a `.`: eight bytes at a time, without `memchr`.
fn has_dot(block: &[u8]) -> bool {
    block.chunks_exact(8).any(|word| crate::swar::equal(u64::from_le_bytes(word.try_into().unwrap_or_default()), b'.') != 0)
}

/// `state.update(bytes)`, out of line: one copy of each hash's update for both callers.
#[inline(never)]
fn absorb<M: Mac>(state: &mut M, bytes: &[u8]) {
    state.update(bytes);
}

/// The keyed state in `cell`, made from `secret` on first use; `None` if the secret is
/// shorter than `min_len`. Making it copies the secret into stack buffers, which are
/// overwritten before returning.
fn keyed<'a, M: Mac + KeyInit, const B: usize>(cell: &'a OnceBox<Keyed<M, B>>, secret: &[u8], min_len: usize) -> Option<&'a Keyed<M, B>> {
    (secret.len() >= min_len).then(|| {
        cell.get_or_init(|| {
            crate::stack::scrubbed(|| Box::new(Keyed { state: <M as KeyInit>::new_from_slice(secret).expect("HMAC takes keys of any length"), primed: OnceBox::new() }))
        })
    })
}

impl HmacKey {
    /// Takes a secret; emptiness is refused here, shortness when an algorithm is used.
    pub(crate) fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(Error::new(ErrorCode::WeakKey, "the HMAC secret is empty"));
        }
        Ok(Self { secret: Zeroizing::new(secret.to_vec()), hs256: OnceBox::new(), hs384: OnceBox::new(), hs512: OnceBox::new() })
    }

    fn state256(&self) -> Option<&Keyed<Hmac<Sha256>, 64>> {
        keyed(&self.hs256, &self.secret, Algorithm::HS256.hash_len())
    }

    fn state384(&self) -> Option<&Keyed<Hmac<Sha384>, 128>> {
        keyed(&self.hs384, &self.secret, Algorithm::HS384.hash_len())
    }

    fn state512(&self) -> Option<&Keyed<Hmac<Sha512>, 128>> {
        keyed(&self.hs512, &self.secret, Algorithm::HS512.hash_len())
    }

    /// The secret itself, for exporting the key as a JWK.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.secret
    }

    pub(crate) fn len(&self) -> usize {
        self.secret.len()
    }

    /// The message names the length needed, not the secret's own: errors may reach clients.
    fn weak(&self, alg: Algorithm) -> Error {
        Error::new(
            ErrorCode::WeakKey,
            message!("the HMAC secret is shorter than the ", alg.hash_len(), " bytes ", alg, " needs (RFC 7518 section 3.2)"),
        )
    }

    /// The MAC of `input`, written to the start of `tag`; `weak_key` if the secret is
    /// shorter than the hash. One path for signing and verifying: the HMAC-only wasm
    /// carries each hash's finalisation once (docs/size.md).
    fn mac<'t>(&self, alg: Algorithm, input: &[u8], tag: &'t mut [u8; 64]) -> Result<&'t [u8], Error> {
        fn keyed_mac<M: Mac + Clone, const B: usize>(keyed: &Keyed<M, B>, input: &[u8], tag: &mut [u8; 64]) -> usize {
            let out = keyed.after(input).finalize().into_bytes();
            tag.iter_mut().zip(out.iter()).for_each(|(slot, &byte)| *slot = byte);
            out.len()
        }
        let len = match alg {
            Algorithm::HS256 => self.state256().map(|s| keyed_mac(s, input, tag)),
            Algorithm::HS384 => self.state384().map(|s| keyed_mac(s, input, tag)),
            Algorithm::HS512 => self.state512().map(|s| keyed_mac(s, input, tag)),
            #[allow(unreachable_patterns)]
            _ => return Err(super::wrong_family(alg)),
        };
        let len = len.ok_or_else(|| self.weak(alg))?;
        Ok(tag.get(..len).unwrap_or_default())
    }

    /// The MAC of `input`, or `weak_key` if the secret is shorter than the hash.
    #[cfg(feature = "sign")]
    pub(crate) fn sign(&self, alg: Algorithm, input: &[u8]) -> Result<Vec<u8>, Error> {
        self.mac(alg, input, &mut [0; 64]).map(<[u8]>::to_vec)
    }

    /// Checks `tag` against the MAC of `input` in constant time.
    pub(crate) fn verify(&self, alg: Algorithm, input: &[u8], tag: &[u8]) -> Result<(), Error> {
        match tags_equal(self.mac(alg, input, &mut [0; 64])?, tag) {
            true => Ok(()),
            false => Err(Error::new(ErrorCode::BadSignature, message!("the ", alg, " signature does not match"))),
        }
    }
}

/// Whether two tags are equal, in time that depends only on their lengths: compared eight
/// bytes at a time with `subtle` (a byte at a time, its optimisation barrier per byte was
/// about 1% of an HS256 verify). Tags are 32, 48 or 64 bytes; no other length matches.
fn tags_equal(expected: &[u8], given: &[u8]) -> bool {
    const MAX_WORDS: usize = 8;
    fn words(tag: &[u8]) -> [u64; MAX_WORDS] {
        let mut words = [0; MAX_WORDS];
        for (word, bytes) in words.iter_mut().zip(tag.chunks_exact(8)) {
            *word = u64::from_le_bytes(bytes.try_into().unwrap_or_default());
        }
        words
    }
    let count = expected.len() / 8;
    if given.len() != expected.len() || !expected.len().is_multiple_of(8) || !(1..=MAX_WORDS).contains(&count) {
        return false;
    }
    bool::from(words(expected)[..count].ct_eq(&words(given)[..count]))
}

impl core::fmt::Debug for HmacKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "HmacKey({} bytes, redacted)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 4231 test case 2 uses a 4-byte key, below every JWS minimum; case 6/7 keys are 131 bytes.
    #[test]
    fn rfc4231_case_7_hs256() {
        let key = HmacKey::new(&[0xaa; 131]).unwrap();
        let data = b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.";
        let tag = key.sign(Algorithm::HS256, data).unwrap();
        assert_eq!(crate::base64url::encode(&tag), "mwn_pxuUL8snY1-81bDpRL_cY2RPBxOTin9RU1w6NeI");
        key.verify(Algorithm::HS256, data, &tag).unwrap();
    }

    #[test]
    fn the_kept_first_block_gives_the_same_macs() {
        let secret = [9u8; 64];
        // Bytes 0.. and 0x55.. (a `.`, 0x2e, at 46 and 123): first blocks with and without one.
        let messages: Vec<Vec<u8>> = [0usize, 1, 40, 63, 64, 65, 127, 128, 129, 200, 300]
            .iter()
            .flat_map(|&n| [(0..n).map(|i| (i as u8) ^ 0x55).collect(), (0..n).map(|i| i as u8).collect::<Vec<u8>>()])
            .collect();
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            // One key MACs every message in turn (kept block or not); a fresh key each, once.
            let kept = HmacKey::new(&secret).unwrap();
            for _ in 0..2 {
                for message in &messages {
                    let fresh = HmacKey::new(&secret).unwrap().sign(alg, message).unwrap();
                    assert_eq!(kept.sign(alg, message).unwrap(), fresh, "{alg:?} of {} bytes", message.len());
                    kept.verify(alg, message, &fresh).unwrap();
                    let mut wrong = fresh.clone();
                    wrong[0] ^= 1;
                    assert!(kept.verify(alg, message, &wrong).is_err());
                }
            }
            // What was kept: the first block without a `.` (for HS256, the 0x55.. one's).
            let block = |keyed: Option<&[u8]>| keyed.map(<[u8]>::to_vec);
            let first = match alg {
                Algorithm::HS256 => block(kept.hs256.get().and_then(|k| k.primed.get()).map(|(b, _)| &b[..])),
                Algorithm::HS384 => block(kept.hs384.get().and_then(|k| k.primed.get()).map(|(b, _)| &b[..])),
                _ => block(kept.hs512.get().and_then(|k| k.primed.get()).map(|(b, _)| &b[..])),
            };
            match alg {
                Algorithm::HS256 => assert_eq!(first, Some((0..64).map(|i| (i as u8) ^ 0x55).collect())),
                _ => assert_eq!(first, None, "every 128-byte first block here has a `.`"),
            }
        }
    }

    #[test]
    fn short_secrets_are_weak_per_algorithm() {
        let key = HmacKey::new(&[7; 48]).unwrap();
        assert!(key.sign(Algorithm::HS384, b"x").is_ok());
        assert_eq!(key.sign(Algorithm::HS512, b"x").unwrap_err().code(), ErrorCode::WeakKey);
        let e = key.verify(Algorithm::HS512, b"x", &[0; 64]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WeakKey);
        assert!(!e.message().contains("48"), "the secret's length stays out of the message: {e}");
        assert_eq!(HmacKey::new(&[]).unwrap_err().code(), ErrorCode::WeakKey);
    }

    #[test]
    fn truncated_or_altered_tags_fail() {
        let key = HmacKey::new(&[1; 32]).unwrap();
        let tag = key.sign(Algorithm::HS256, b"abc").unwrap();
        assert!(key.verify(Algorithm::HS256, b"abc", &tag[..31]).is_err());
        assert!(key.verify(Algorithm::HS256, b"abc", &[]).is_err());
        let mut t = tag.clone();
        t[0] ^= 1;
        assert_eq!(key.verify(Algorithm::HS256, b"abc", &t).unwrap_err().code(), ErrorCode::BadSignature);
    }

    #[test]
    fn tags_are_equal_only_when_every_bit_is() {
        for len in [32, 48, 64] {
            let tag: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert!(tags_equal(&tag, &tag.clone()));
            for bit in 0..len * 8 {
                let mut altered = tag.clone();
                altered[bit / 8] ^= 1 << (bit % 8);
                assert!(!tags_equal(&tag, &altered), "{len} bytes, bit {bit} flipped");
            }
            assert!(!tags_equal(&tag, &tag[..len - 1]));
            let mut longer = tag.clone();
            longer.push(0);
            assert!(!tags_equal(&tag, &longer));
        }
        assert!(!tags_equal(&[0; 72], &[0; 72]), "longer than any HMAC tag");
        assert!(!tags_equal(&[0; 31], &[0; 31]), "not whole words");
        assert!(!tags_equal(&[], &[]), "no tag");
    }

    #[test]
    fn debug_redacts_the_secret() {
        let key = HmacKey::new(b"super secret value that is long enough!!").unwrap();
        assert!(!alloc::format!("{key:?}").contains("super"));
    }
}
