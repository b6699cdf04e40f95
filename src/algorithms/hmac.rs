//! HS256, HS384 and HS512 (RFC 7518 section 3.2): HMAC (RFC 2104) over `super::sha`, whose
//! one path per SHA-2 family HS384 and HS512 share (docs/size.md).

use alloc::boxed::Box;
use alloc::vec::Vec;

use once_cell::race::OnceBox;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::sha::{Family, Sha256, Sha512, State, SHA256_IV, SHA384_IV, SHA512_IV};
use super::Algorithm;
use crate::error::{Error, ErrorCode};

/// An HMAC secret, and the keyed hash states of each algorithm made at its first use and
/// kept, so that each verify starts from a copied state. A key that is made but not used
/// (or made by the thousand) holds only its secret; most keys serve one algorithm.
#[derive(Clone)]
pub(crate) struct HmacKey {
    secret: Zeroizing<Vec<u8>>,
    hs256: OnceBox<Keyed<Sha256>>,
    hs384: OnceBox<Keyed<Sha512>>,
    hs512: OnceBox<Keyed<Sha512>>,
}

/// The longest block: SHA-512's.
const MAX_BLOCK: usize = 128;

/// One algorithm's keyed states (after the key XOR ipad and XOR opad blocks), and the inner
/// state after a first block of input that lies in a token's header (it has no `.`), kept
/// with that block from the first message that starts with one: the tokens one key signs
/// or verifies mostly share their header, and a header with a `kid` fills a block of
/// SHA-256, whose hashing the next token then skips (one compression of the 6 or 7 of a
/// typical HS256 token). A block with payload in it is not kept: tokens would seldom share
/// it. A message that starts otherwise is MACed from the keyed state.
#[derive(Clone)]
struct Keyed<F: Family> {
    inner: State<F>,
    outer: State<F>,
    /// The tag's length: the hash's output (SHA-384's 48 bytes of SHA-512's state).
    len: usize,
    primed: OnceBox<([u8; MAX_BLOCK], State<F>)>,
}

impl<F: Family> Keyed<F> {
    /// The keyed states of `secret` for the hash with initial state `iv` and output `len`.
    /// A secret longer than a block is hashed first (RFC 2104 section 2).
    fn new(secret: &[u8], iv: [F::Word; 8], len: usize) -> Self {
        let mut block = Zeroizing::new([0u8; MAX_BLOCK]);
        let key = &mut block[..F::BLOCK];
        if secret.len() > F::BLOCK {
            let mut state = State::<F>::new(iv);
            let tail = state.absorb(secret);
            state.finish(tail, &mut key[..len]);
        } else {
            key[..secret.len()].copy_from_slice(secret);
        }
        let mut keyed = |pad: u8| {
            key.iter_mut().for_each(|byte| *byte ^= pad);
            let mut state = State::<F>::new(iv);
            state.absorb(key);
            state
        };
        let inner = keyed(0x36);
        // Undoes ipad while applying opad.
        let outer = keyed(0x36 ^ 0x5c);
        Keyed { inner, outer, len, primed: OnceBox::new() }
    }

    /// The inner state after `input`'s whole blocks, and the rest of `input`.
    fn after<'i>(&self, input: &'i [u8]) -> (State<F>, &'i [u8]) {
        // Once a block is kept, a message's first block is only compared with it.
        let primed = input.get(..F::BLOCK).and_then(|block| {
            let (first, primed) = match self.primed.get() {
                Some(kept) => kept,
                None if has_dot(block) => return None,
                None => self.primed.get_or_init(|| self.prime(block)),
            };
            (&first[..F::BLOCK] == block).then(|| (primed.clone(), &input[F::BLOCK..]))
        });
        let (mut state, rest) = primed.unwrap_or_else(|| (self.inner.clone(), input));
        let tail = state.absorb(rest);
        (state, tail)
    }

    #[inline(never)]
    fn prime(&self, block: &[u8]) -> Box<([u8; MAX_BLOCK], State<F>)> {
        let mut first = [0; MAX_BLOCK];
        first[..F::BLOCK].copy_from_slice(block);
        let mut state = self.inner.clone();
        state.absorb(block);
        Box::new((first, state))
    }

    /// The MAC of `input`, written to the start of `tag`; its length.
    fn mac(&self, input: &[u8], tag: &mut [u8; 64]) -> usize {
        let (inner, tail) = self.after(input);
        let mut inner_digest = [0; 64];
        inner.finish(tail, &mut inner_digest[..self.len]);
        self.outer.clone().finish(&inner_digest[..self.len], &mut tag[..self.len]);
        self.len
    }
}

/// Whether `block` (of whole words) has a `.`: eight bytes at a time, without `memchr`.
fn has_dot(block: &[u8]) -> bool {
    block.chunks_exact(8).any(|word| crate::swar::equal(u64::from_le_bytes(word.try_into().unwrap_or_default()), b'.') != 0)
}

/// The keyed states in `cell`, made from `secret` on first use; `None` if the secret is
/// shorter than `len`, the hash's output. Making them copies the secret into stack
/// buffers, which are overwritten before returning.
fn keyed<'a, F: Family>(cell: &'a OnceBox<Keyed<F>>, secret: &[u8], iv: [F::Word; 8], len: usize) -> Option<&'a Keyed<F>> {
    (secret.len() >= len).then(|| cell.get_or_init(|| crate::stack::scrubbed(|| Box::new(Keyed::new(secret, iv, len)))))
}

impl HmacKey {
    /// Takes a secret; emptiness is refused here, shortness when an algorithm is used.
    pub(crate) fn new(secret: &[u8]) -> Result<Self, Error> {
        if secret.is_empty() {
            return Err(Error::new(ErrorCode::WeakKey, "the HMAC secret is empty"));
        }
        Ok(Self { secret: Zeroizing::new(secret.to_vec()), hs256: OnceBox::new(), hs384: OnceBox::new(), hs512: OnceBox::new() })
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
    /// shorter than the hash. One path for signing and verifying.
    fn mac<'t>(&self, alg: Algorithm, input: &[u8], tag: &'t mut [u8; 64]) -> Result<&'t [u8], Error> {
        let (secret, len) = (&self.secret[..], alg.hash_len());
        let len = match alg {
            Algorithm::HS256 => keyed(&self.hs256, secret, SHA256_IV, len).map(|k| k.mac(input, tag)),
            Algorithm::HS384 => keyed(&self.hs384, secret, SHA384_IV, len).map(|k| k.mac(input, tag)),
            Algorithm::HS512 => keyed(&self.hs512, secret, SHA512_IV, len).map(|k| k.mac(input, tag)),
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
                Algorithm::HS256 => block(kept.hs256.get().and_then(|k| k.primed.get()).map(|(b, _)| &b[..64])),
                Algorithm::HS384 => block(kept.hs384.get().and_then(|k| k.primed.get()).map(|(b, _)| &b[..])),
                _ => block(kept.hs512.get().and_then(|k| k.primed.get()).map(|(b, _)| &b[..])),
            };
            match alg {
                Algorithm::HS256 => assert_eq!(first, Some((0..64).map(|i| (i as u8) ^ 0x55).collect())),
                _ => assert_eq!(first, None, "every 128-byte first block here has a `.`"),
            }
        }
    }

    /// Against the `hmac` crate: secrets shorter than, as long as and longer than a block
    /// (hashed first), messages across the padding's cases and several blocks.
    #[test]
    fn macs_equal_the_hmac_crates() {
        use hmac::{Hmac, KeyInit, Mac};
        fn reference<M: Mac + KeyInit>(secret: &[u8], message: &[u8]) -> Vec<u8> {
            let mut mac = <M as KeyInit>::new_from_slice(secret).unwrap();
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        let message: Vec<u8> = (0..300u32).map(|i| (i * 13 + 5) as u8).collect();
        for secret_len in [64, 65, 127, 128, 129, 200] {
            let secret: Vec<u8> = (0..secret_len).map(|i| (i * 7 + 1) as u8).collect();
            let key = HmacKey::new(&secret).unwrap();
            for len in 0..=message.len() {
                let m = &message[..len];
                assert_eq!(key.sign(Algorithm::HS256, m).unwrap(), reference::<Hmac<sha2::Sha256>>(&secret, m), "HS256, {secret_len}-byte secret, {len} bytes");
                assert_eq!(key.sign(Algorithm::HS384, m).unwrap(), reference::<Hmac<sha2::Sha384>>(&secret, m), "HS384, {secret_len}-byte secret, {len} bytes");
                assert_eq!(key.sign(Algorithm::HS512, m).unwrap(), reference::<Hmac<sha2::Sha512>>(&secret, m), "HS512, {secret_len}-byte secret, {len} bytes");
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
