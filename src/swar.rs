//! The first byte of a kind in a byte string, eight bytes at a time in a `u64` ("SIMD
//! within a register"): no `unsafe` and no target features, so the same code runs
//! natively and in wasm. Token segments and JSON strings are searched this way, since
//! every byte of every token goes through such a search.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` below `n` (at most 128). Exact for the lowest
/// such byte (a byte above it may be marked too, by the borrow), which is all
/// [`position`] reads.
#[inline(always)]
pub(crate) const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * n as u64) & !word & HIGH_BITS
}

/// The high bit of each byte of `word` equal to `byte`, exact for the lowest as [`below`].
#[inline(always)]
pub(crate) const fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ ONES * byte as u64, 1)
}

/// Where the first byte of `bytes` that `marks` marks is (`marks` sets the high bit of
/// the bytes it looks for in a word, first byte lowest), or `bytes.len()`. `stop` must
/// be a byte that `marks` marks: it fills the last, partial word.
#[inline(always)]
pub(crate) fn position(bytes: &[u8], stop: u8, marks: impl Fn(u64) -> u64) -> usize {
    let mut at = 0;
    loop {
        let rest = bytes.get(at..).unwrap_or_default();
        let word = match rest.first_chunk::<8>() {
            Some(chunk) => *chunk,
            None => {
                let mut padded = [stop; 8];
                padded[..rest.len()].copy_from_slice(rest);
                padded
            }
        };
        let marked = marks(u64::from_le_bytes(word));
        if marked != 0 {
            return (at + marked.trailing_zeros() as usize / 8).min(bytes.len());
        }
        at += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_marked_byte_at_every_offset_and_length() {
        let plain = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        let marks = |w: u64| equal(w, b'"') | equal(w, b'\\') | below(w, 0x20);
        let fillers: &[u8] = b"a\x7f\x80\xff !#[]\x21\x23\x5b\x5d\x1f";
        for len in 0..20 {
            for filler in fillers {
                for at in 0..=len {
                    for target in [b'"', b'\\', 0, 0x1f, b'.'] {
                        let mut bytes = alloc::vec![*filler; len];
                        if at < len {
                            bytes[at] = target;
                        }
                        let expected = bytes.iter().position(|&b| plain(b)).unwrap_or(len);
                        assert_eq!(position(&bytes, b'"', marks), expected, "{bytes:?}");
                        let dot = bytes.iter().position(|&b| b == b'.').unwrap_or(len);
                        assert_eq!(position(&bytes, b'.', |w| equal(w, b'.')), dot, "{bytes:?}");
                    }
                }
            }
        }
    }
}
