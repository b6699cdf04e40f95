//! The first byte of a kind in a byte string, eight bytes at a time in a `u64` ("SIMD
//! within a register"): no `unsafe` and no target features, so the same code runs
//! natively and in wasm. The dots between a token's segments are found this way: every
//! byte of every token is searched for them. (JSON strings are not: most are shorter than
//! a word, where `json::plain_run`'s table is faster.)

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` below `n` (at most 128). Exact for the lowest
/// such byte (a byte above it may be marked too, by the borrow), which is all
/// [`position`] reads.
#[inline(always)]
const fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * n as u64) & !word & HIGH_BITS
}

/// The high bit of each byte of `word` equal to `byte`, exact for the lowest as [`below`].
#[inline(always)]
pub(crate) const fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * byte as u64), 1)
}

/// Where the first byte of `bytes` that `marks` marks is (`marks` sets the high bit of
/// the bytes it looks for in a word, first byte lowest), or `bytes.len()`. `stop` must
/// be a byte that `marks` marks: it fills the last, partial word.
#[inline(always)]
pub(crate) fn position(bytes: &[u8], stop: u8, marks: impl Fn(u64) -> u64) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let marked = marks(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if marked != 0 {
            return at + marked.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    if words.remainder().is_empty() {
        return bytes.len();
    }
    // The last eight bytes, overlapping bytes already searched (which, unmarked, mark
    // nothing above them); for fewer than eight, the bytes and `stop` after them. (Not
    // `copy_from_slice`: for a few bytes, a call.)
    let (start, last) = match bytes.len().checked_sub(8) {
        Some(start) => (start, bytes[start..].try_into().unwrap_or_default()),
        None => {
            let mut last = [stop; 8];
            last.iter_mut().zip(bytes).for_each(|(to, from)| *to = *from);
            (0, last)
        }
    };
    match marks(u64::from_le_bytes(last)) {
        0 => bytes.len(),
        marked => (start + marked.trailing_zeros() as usize / 8).min(bytes.len()),
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
