//! Strict unpadded base64url (RFC 7515 section 2 and appendix C).
//!
//! Hand-written rather than taken from a crate because every rejection must name
//! the byte offset at fault, which the debugger page highlights; the rules are the
//! RFC's: only `A-Z a-z 0-9 - _`, no `=` padding, no whitespace, no impossible
//! lengths and no non-zero trailing bits (so each byte string has one encoding).

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

/// Appends the unpadded base64url encoding of `bytes` to `out`.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

fn reject(c: u8) -> &'static str {
    match c {
        b'=' => "'=' padding is not allowed in base64url (RFC 7515 section 2)",
        b'+' | b'/' => "'+' and '/' belong to standard base64; base64url uses '-' and '_'",
        b' ' | b'\t' | b'\r' | b'\n' => "whitespace is not allowed in a token",
        _ => "this character is not in the base64url alphabet",
    }
}

/// Decodes strict unpadded base64url.
pub(crate) fn decode(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (offset, &c) in input.iter().enumerate() {
        let v = sextet(c).ok_or(DecodeError { offset, reason: reject(c) })?;
        acc = (acc << 6 | u32::from(v)) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if input.len() % 4 == 1 {
        return Err(DecodeError {
            offset: input.len() - 1,
            reason: "impossible length: a base64url segment cannot have 4n+1 characters",
        });
    }
    if bits > 0 && acc & ((1 << bits) - 1) != 0 {
        return Err(DecodeError {
            offset: input.len() - 1,
            reason: "non-zero trailing bits: the last character does not encode these bytes canonically",
        });
    }
    Ok(out)
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
}
