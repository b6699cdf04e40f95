//! The RSA public operation, `s^e mod n` (RSAVP1, RFC 8017 section 5.2.2), with
//! Montgomery multiplication on machine words.
//!
//! Only public values pass through here (the modulus, the exponent, a signature), so the
//! code is variable-time. It replaces the `rsa` crate's verification path, whose
//! heap-sized big integers, division and Karatsuba multiplication were most of the RSA
//! family's 23 KB of gzip in the verify-only wasm (docs/size.md); the `rsa` crate still
//! does everything private (signing, key generation, OAEP decryption).

use alloc::vec;
use alloc::vec::Vec;

// Words of the width the target multiplies natively: wasm32 has a 32x32->64-bit multiply
// but no 64x64->128, while 64-bit targets have both.
#[cfg(target_pointer_width = "64")]
type Word = u64;
#[cfg(target_pointer_width = "64")]
type Wide = u128;
#[cfg(not(target_pointer_width = "64"))]
type Word = u32;
#[cfg(not(target_pointer_width = "64"))]
type Wide = u64;

const WORD_BITS: usize = Word::BITS as usize;
const WORD_BYTES: usize = WORD_BITS / 8;

/// An odd modulus with what Montgomery multiplication needs of it, made once per key.
#[derive(Clone)]
pub(super) struct Modulus {
    /// Little-endian words; the top word is not zero.
    n: Vec<Word>,
    /// `-n^-1 mod 2^WORD_BITS`.
    n_inv: Word,
    /// `R^2 mod n` with `R = 2^(WORD_BITS * n.len())`: multiplying by it enters Montgomery form.
    r_squared: Vec<Word>,
    /// The modulus length in bytes, which a signature must have.
    byte_len: usize,
}

impl Modulus {
    /// `n` is big-endian without leading zeros; `None` unless it is odd and above 1.
    pub(super) fn new(n: &[u8]) -> Option<Modulus> {
        if n.first().is_none_or(|&top| top == 0) || n[n.len() - 1].is_multiple_of(2) || n == [1] {
            return None;
        }
        let words = words_of(n, n.len().div_ceil(WORD_BYTES));
        let mut modulus = Modulus { n_inv: negated_inverse(words[0]), r_squared: Vec::new(), byte_len: n.len(), n: words };
        modulus.r_squared = modulus.compute_r_squared(n);
        Some(modulus)
    }

    /// `base^e mod n` as big-endian bytes as long as `n`; `None` when `base` (big-endian,
    /// exactly as long as `n`) is not below `n`, which RSAVP1 refuses, or `e` is 0.
    pub(super) fn pow(&self, base: &[u8], e: u32) -> Option<Vec<u8>> {
        if base.len() != self.byte_len || e == 0 {
            return None;
        }
        let base = words_of(base, self.n.len());
        if !less_than(&base, &self.n) {
            return None;
        }
        let base = self.mul(&base, &self.r_squared);
        let mut power = base.clone();
        for bit in (0..(u32::BITS - 1 - e.leading_zeros())).rev() {
            power = self.mul(&power, &power);
            if e >> bit & 1 == 1 {
                power = self.mul(&power, &base);
            }
        }
        let mut one = vec![0; self.n.len()];
        one[0] = 1;
        Some(bytes_of(&self.mul(&power, &one), self.byte_len))
    }

    /// Montgomery multiplication (CIOS): `a * b / R mod n` for `a`, `b` below `n`.
    fn mul(&self, a: &[Word], b: &[Word]) -> Vec<Word> {
        let len = self.n.len();
        // t holds len + 2 words: the running sum stays below 2n < 2R.
        let mut t = vec![0 as Word; len + 2];
        for &a_i in a {
            let mut carry: Word = 0;
            for (t_j, &b_j) in t.iter_mut().zip(b) {
                (*t_j, carry) = mul_add(a_i, b_j, *t_j, carry);
            }
            let (sum, overflow) = t[len].overflowing_add(carry);
            t[len] = sum;
            t[len + 1] = Word::from(overflow);

            let m = t[0].wrapping_mul(self.n_inv);
            let (_, mut carry) = mul_add(m, self.n[0], t[0], 0);
            for j in 1..len {
                (t[j - 1], carry) = mul_add(m, self.n[j], t[j], carry);
            }
            let (sum, overflow) = t[len].overflowing_add(carry);
            t[len - 1] = sum;
            t[len] = t[len + 1] + Word::from(overflow);
        }
        let high = t[len];
        t.truncate(len);
        if high != 0 || !less_than(&t, &self.n) {
            subtract_in_place(&mut t, &self.n);
        }
        t
    }

    /// `R^2 mod n`, which is `2^(2 * WORD_BITS * len)` in Montgomery form: from
    /// `R mod n` (the form of 1), by squarings (which double the power of 2) and
    /// doublings (which add 1 to it) along the bits of `WORD_BITS * len`.
    fn compute_r_squared(&self, n: &[u8]) -> Vec<Word> {
        let len = self.n.len();
        let modulus_bits = n.len() * 8 - n[0].leading_zeros() as usize;
        // 2^(bits - 1) is below n (n is odd, so not a power of two); doubling it
        // R_bits - bits + 1 times gives R mod n.
        let mut x = vec![0 as Word; len];
        x[(modulus_bits - 1) / WORD_BITS] = 1 << ((modulus_bits - 1) % WORD_BITS);
        let r_bits = WORD_BITS * len;
        for _ in 0..(r_bits - modulus_bits + 1) {
            self.double(&mut x);
        }
        for bit in (0..(usize::BITS - r_bits.leading_zeros())).rev() {
            x = self.mul(&x, &x);
            if r_bits >> bit & 1 == 1 {
                self.double(&mut x);
            }
        }
        x
    }

    /// `x = 2x mod n` for `x` below `n`.
    fn double(&self, x: &mut [Word]) {
        let mut carry = 0;
        for word in x.iter_mut() {
            let next = *word >> (WORD_BITS - 1);
            *word = *word << 1 | carry;
            carry = next;
        }
        if carry != 0 || !less_than(x, &self.n) {
            subtract_in_place(x, &self.n);
        }
    }
}

/// `a * b + c + d` as (low word, high word); it cannot overflow two words.
fn mul_add(a: Word, b: Word, c: Word, d: Word) -> (Word, Word) {
    let wide = Wide::from(a) * Wide::from(b) + Wide::from(c) + Wide::from(d);
    (wide as Word, (wide >> WORD_BITS) as Word)
}

/// `-w^-1 mod 2^WORD_BITS` for odd `w`, by Newton's iteration (each step doubles the
/// correct low bits; `w * w = 1 mod 8` gives the first three).
fn negated_inverse(w: Word) -> Word {
    let mut inverse = w;
    for _ in 0..5 {
        inverse = inverse.wrapping_mul((2 as Word).wrapping_sub(w.wrapping_mul(inverse)));
    }
    inverse.wrapping_neg()
}

/// Whether `a < b` for little-endian words of the same length.
fn less_than(a: &[Word], b: &[Word]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// `a -= b` modulo `2^(WORD_BITS * len)`.
fn subtract_in_place(a: &mut [Word], b: &[Word]) {
    let mut borrow = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (difference, borrow_1) = x.overflowing_sub(y);
        let (difference, borrow_2) = difference.overflowing_sub(Word::from(borrow));
        *x = difference;
        borrow = borrow_1 || borrow_2;
    }
}

/// Big-endian bytes as `len` little-endian words (`bytes` fits in them).
fn words_of(bytes: &[u8], len: usize) -> Vec<Word> {
    let mut words = vec![0 as Word; len];
    for (i, &byte) in bytes.iter().rev().enumerate() {
        words[i / WORD_BYTES] |= Word::from(byte) << (8 * (i % WORD_BYTES));
    }
    words
}

/// Little-endian words as `byte_len` big-endian bytes (the value fits in them).
fn bytes_of(words: &[Word], byte_len: usize) -> Vec<u8> {
    (0..byte_len).rev().map(|i| (words[i / WORD_BYTES] >> (8 * (i % WORD_BYTES))) as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Big-endian bytes without leading zeros.
    fn minimal(x: u128) -> Vec<u8> {
        let bytes = x.to_be_bytes();
        bytes[bytes.iter().position(|&b| b != 0).unwrap_or(15)..].to_vec()
    }

    fn padded(x: u128, len: usize) -> Vec<u8> {
        x.to_be_bytes()[16 - len..].to_vec()
    }

    /// Square-and-multiply on u128 for moduli below 2^64.
    fn naive_pow(base: u128, e: u32, n: u128) -> u128 {
        let (mut result, mut square, mut e) = (1 % n, base % n, e);
        while e > 0 {
            if e & 1 == 1 {
                result = result * square % n;
            }
            square = square * square % n;
            e >>= 1;
        }
        result
    }

    #[test]
    fn the_textbook_example() {
        // n = 61 * 53, e = 17: 65^17 mod 3233 = 2790.
        let modulus = Modulus::new(&minimal(3233)).unwrap();
        assert_eq!(modulus.pow(&padded(65, 2), 17).unwrap(), padded(2790, 2));
    }

    #[test]
    fn agrees_with_plain_arithmetic_on_many_moduli() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..2000 {
            // Every length from 1 to 8 bytes, so one and two 32-bit words and one 64-bit word.
            let bytes = 1 + round % 8;
            let n = u128::from(next() >> (64 - 8 * bytes) | 1 | 1 << (8 * bytes - 1)).max(3);
            let base = u128::from(next()) % n;
            let e = [1, 3, 17, 65537, (next() as u32 & 0x1ffff) | 1][round % 5];
            let modulus = Modulus::new(&minimal(n)).unwrap();
            let len = minimal(n).len();
            assert_eq!(modulus.pow(&padded(base, len), e).unwrap(), padded(naive_pow(base, e, n), len), "{base}^{e} mod {n}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_odd_modulus_or_a_base_below_it() {
        for n in [&[][..], &[0, 0xc5], &[0xc4], &[1]] {
            assert!(Modulus::new(n).is_none(), "{n:?}");
        }
        let modulus = Modulus::new(&minimal(3233)).unwrap();
        for base in [3233, 3234, 0xffff] {
            assert!(modulus.pow(&padded(base, 2), 17).is_none(), "{base}");
        }
        assert!(modulus.pow(&padded(65, 3), 17).is_none(), "a base longer than n");
        assert!(modulus.pow(&[65], 17).is_none(), "a base shorter than n");
    }
}
