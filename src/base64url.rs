//! Strict unpadded base64url (RFC 7515 section 2 and appendix C).
//!
//! The rules are the RFC's: only `A-Z a-z 0-9 - _`, no `=` padding, no whitespace, no
//! impossible lengths and no non-zero trailing bits (so each byte string has one
//! encoding); every rejection names the byte offset at fault, which the debugger page
//! highlights.
//!
//! Hand-written rather than the `base64` crate's URL-safe engine, which is as strict and
//! reports offsets too, because it is smaller and faster where it ships. Measured on
//! 2026-12-02 with this module's decoding done by `base64` 0.22.1 (`GeneralPurpose`,
//! `URL_SAFE`, no padding, trailing bits refused; this module's tests passed on it): the npm
//! bundles grew by 920 bytes gzip (`wasm-jwt/hs`) and 1,026 (`wasm-jwt`), and in Node
//! `decode` was 3-5% slower and `verify` 1-2% (the two builds in one process, 60 pairs of
//! alternating blocks, two runs; docs/benchmarks.md).

use alloc::string::String;
use alloc::vec::Vec;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a segment is not strict base64url, and at which byte of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DecodeError {
    pub offset: usize,
    pub reason: &'static str,
}

/// Encodes bytes as unpadded base64url.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(encoded_len(bytes.len()));
    encode_into(bytes, &mut out);
    out
}

/// The length of the unpadded encoding of `len` bytes.
pub(crate) const fn encoded_len(len: usize) -> usize {
    len / 3 * 4 + [0, 2, 3][len % 3]
}

/// Appends the unpadded base64url encoding of `bytes` to `out`, a stack chunk at a time:
/// whole groups are written into the chunk, as `decode` does, rather than pushed a
/// character at a time (a call per character in the size-optimised build), and pushing a
/// chunk checks only its own bytes as UTF-8, not all of `out` again.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    out.reserve(encoded_len(bytes.len()));
    let mut chunk = [0u8; 256];
    for part in bytes.chunks(192) {
        let text = &mut chunk[..encoded_len(part.len())];
        encode_chunk(part, text);
        // Always valid: base64url is ASCII. No `expect`: its message formatting would add
        // a few KB to the wasm.
        out.push_str(core::str::from_utf8(text).unwrap_or_default());
    }
}

/// Appends the encoding of `head` followed by `tail`, without joining them first.
#[cfg(feature = "sign")]
pub(crate) fn encode_joined_into(head: &[u8], tail: &[u8], out: &mut String) {
    // Head's whole groups; then a group of its last bytes and tail's first (or the end);
    // then the rest of tail, which starts on a group boundary. No index can fail here.
    let (whole, rest) = head.split_at(head.len() - head.len() % 3);
    let mut bridge = [0u8; 3];
    let mut len = 0;
    for (slot, &byte) in bridge.iter_mut().zip(rest.iter().chain(tail)) {
        *slot = byte;
        len += 1;
    }
    encode_into(whole, out);
    encode_into(bridge.get(..len).unwrap_or_default(), out);
    encode_into(tail.get(len - rest.len()..).unwrap_or_default(), out);
}

/// Encodes `bytes` into `text`, `encoded_len(bytes.len())` bytes long.
fn encode_chunk(bytes: &[u8], text: &mut [u8]) {
    let sextet = |n: u32, shift: u32| ALPHABET[(n >> shift & 63) as usize];
    let mut groups = bytes.chunks_exact(3);
    for (group, chars) in (&mut groups).zip(text.chunks_exact_mut(4)) {
        let n = u32::from(group[0]) << 16 | u32::from(group[1]) << 8 | u32::from(group[2]);
        chars.copy_from_slice(&[sextet(n, 18), sextet(n, 12), sextet(n, 6), sextet(n, 0)]);
    }
    let rest = groups.remainder();
    if let Some(&first) = rest.first() {
        let n = u32::from(first) << 16 | u32::from(*rest.get(1).unwrap_or(&0)) << 8;
        let tail = text.len() - rest.len() - 1;
        for (i, c) in text[tail..].iter_mut().enumerate() {
            *c = sextet(n, 18 - 6 * i as u32);
        }
    }
}

/// Each byte's 6-bit value; `INVALID` (top bit set) for bytes outside the alphabet.
const SEXTETS: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0xFF;

fn reject(c: u8) -> &'static str {
    match c {
        b'=' => "'=' padding is not allowed in base64url (RFC 7515 section 2)",
        b'+' | b'/' => "'+' and '/' belong to standard base64; base64url uses '-' and '_'",
        b' ' | b'\t' | b'\r' | b'\n' => "whitespace is not allowed in a token",
        _ => "this character is not in the base64url alphabet",
    }
}

/// Decodes strict unpadded base64url. Four characters at a time through a table,
/// since this runs on every byte of every token; a fault is located afterwards.
pub(crate) fn decode(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(decoded_capacity(input.len()));
    decode_into(input, &mut out)?;
    Ok(out)
}

/// Enough room for the bytes that `len` base64url characters decode to.
pub(crate) const fn decoded_capacity(len: usize) -> usize {
    len / 4 * 3 + 2
}

/// [`decode`], appending the bytes to `out` (left with some of them after an error).
pub(crate) fn decode_into(input: &[u8], out: &mut Vec<u8>) -> Result<(), DecodeError> {
    // Whole groups are written into a zeroed tail, and read without `array::map`: in
    // this crate's size-optimised build (see Cargo.toml) a push or a map per group stays
    // a call, which made decoding three times slower. (Eight characters at a time into a
    // u64 took 1% off a native `decode`, for 66 bytes of gzip wasm: not kept.)
    let start = out.len();
    out.resize(start + input.len() / 4 * 3, 0);
    let mut seen = 0u8; // the OR of every sextet: its top bit is set if any byte was invalid
    let mut quads = input.chunks_exact(4);
    for (quad, bytes) in (&mut quads).zip(out[start..].chunks_exact_mut(3)) {
        let sextet = |i: usize| SEXTETS[usize::from(quad[i])];
        let (a, b, c, d) = (sextet(0), sextet(1), sextet(2), sextet(3));
        seen |= a | b | c | d;
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        bytes.copy_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let seen = quads.remainder().iter().fold(seen, |seen, &c| seen | SEXTETS[usize::from(c)]);
    let (tail, len) = last_group(input, seen)?;
    out.extend_from_slice(&tail[..len]);
    Ok(())
}

/// Checks `input` as [`decode`] does, without writing out the bytes (a signature that
/// `decode` of a token only checks).
pub(crate) fn check(input: &[u8]) -> Result<(), DecodeError> {
    let seen = input.iter().fold(0, |seen, &c| seen | SEXTETS[usize::from(c)]);
    last_group(input, seen).map(drop)
}

/// After the whole groups: the first invalid byte if `seen` (the OR of every byte's
/// sextet) says there is one, then the bytes of the last, partial group (and how many),
/// which must have a possible length and no bits set past its bytes.
fn last_group(input: &[u8], seen: u8) -> Result<([u8; 2], usize), DecodeError> {
    if seen & INVALID == INVALID {
        let offset = input.iter().position(|&c| SEXTETS[c as usize] == INVALID).expect("an invalid byte was seen");
        return Err(DecodeError { offset, reason: reject(input[offset]) });
    }
    let rest = &input[input.len() / 4 * 4..];
    let n = rest.iter().fold(0u32, |n, &c| n << 6 | u32::from(SEXTETS[usize::from(c)]));
    let last = input.len().saturating_sub(1);
    let (bytes, len, trailing_bits_set) = match rest.len() {
        0 => ([0, 0], 0, false),
        2 => ([(n >> 4) as u8, 0], 1, n & 0xF != 0),
        3 => ([(n >> 10) as u8, (n >> 2) as u8], 2, n & 0x3 != 0),
        _ => {
            return Err(DecodeError { offset: last, reason: "impossible length: a base64url segment cannot have 4n+1 characters" })
        }
    };
    if trailing_bits_set {
        return Err(DecodeError {
            offset: last,
            reason: "non-zero trailing bits: the last character does not encode these bytes canonically",
        });
    }
    Ok((bytes, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for n in 0..data.len() {
            let enc = encode(&data[..n]);
            assert_eq!(enc.len(), encoded_len(n));
            assert_eq!(decode(enc.as_bytes()).unwrap(), &data[..n]);
        }
    }

    #[test]
    fn long_and_joined_inputs_encode_as_one() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 3) as u8).collect();
        let whole = encode(&data);
        assert_eq!(decode(whole.as_bytes()).unwrap(), data);
        for split in (0..40).chain(180..200).chain(990..=1000) {
            let mut joined = String::from("x.");
            encode_joined_into(&data[..split], &data[split..], &mut joined);
            assert_eq!(joined[2..], whole, "split at {split}");
        }
        for n in 0..8 {
            for split in 0..=n {
                let mut joined = String::new();
                encode_joined_into(&data[..split], &data[split..n], &mut joined);
                assert_eq!(joined, encode(&data[..n]), "{split} of {n}");
            }
        }
    }

    #[test]
    fn rfc4648_vectors_unpadded() {
        for (plain, enc) in [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(encode(plain.as_bytes()), enc);
            assert_eq!(decode(enc.as_bytes()).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn rejects_with_offsets() {
        let cases: [(&str, usize, &str); 6] = [
            ("Zg==", 2, "padding"),
            ("Zm9v+A", 4, "standard base64"),
            ("Zm9v/A", 4, "standard base64"),
            ("Zm 9v", 2, "whitespace"),
            ("Zm9vY", 4, "impossible length"),
            ("Zh", 1, "trailing bits"),
        ];
        for (input, offset, reason) in cases {
            let e = decode(input.as_bytes()).unwrap_err();
            assert_eq!(e.offset, offset, "{input}");
            assert!(e.reason.contains(reason), "{input}: {}", e.reason);
        }
        assert!(decode("Zm9vYmE".as_bytes()).is_ok());
        assert!(decode("Zm9vYmF".as_bytes()).is_err(), "3-char group with trailing bits");
        assert!(decode("é".as_bytes()).is_err());
    }

    #[test]
    fn check_agrees_with_decode() {
        for input in ["", "Zg", "Zm9v", "Zm9vYmE", "Zg==", "Zm9v+A", "Zm 9v", "Zm9vY", "Zh", "Zm9vYmF", "é", "Zm9vYm+", "A", "AAAAA"] {
            assert_eq!(check(input.as_bytes()), decode(input.as_bytes()).map(drop), "{input}");
        }
    }
}
