//! The one error type: a stable [`ErrorCode`], the [`Part`] of the token at fault,
//! a byte offset into the token where it helps, the claim concerned, and a message
//! a person can act on. Messages never contain key material.

use alloc::string::String;
use core::fmt;

/// Stable error codes, shared by the Rust API and the npm package (`JwtError.code`, the
/// string of [`ErrorCode::as_str`]). Each variant says what it means in one line; the exact
/// conditions are in the crate documentation's table, [Error codes](crate#error-codes),
/// the one list both APIs share. New codes may be added in a minor version, hence
/// `#[non_exhaustive]`: match with a `_` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// The token is not a well-formed compact JWS (segments, base64url, JSON).
    Malformed,
    /// A registered claim has the wrong JSON type (`exp` not a number, `aud` not a string...),
    /// or the claims do not fit the type asked of `claims_as` or `verify_as`.
    MalformedClaim,
    /// `alg` names no algorithm this build supports (or is `none`).
    UnsupportedAlg,
    /// `alg` is not in `VerifyOptions::algorithms`.
    AlgNotAllowed,
    /// The key could not be read, or key text (PEM, JWK, JWKS) was given where a secret belongs.
    InvalidKey,
    /// The key is too short or too small for the algorithm.
    WeakKey,
    /// The key exists but may not be used for this algorithm or operation.
    KeyMismatch,
    /// No key in the set has the token's `kid` (or suits its `alg`), or a token without
    /// `kid` suits more keys than `VerifyOptions::max_keys_tried` allows trying.
    KeyNotFound,
    /// The signature does not match.
    BadSignature,
    /// `exp` has passed.
    Expired,
    /// `nbf` has not arrived yet, or with `VerifyOptions::max_age`, `iat` lies in the future.
    NotYetValid,
    /// `iat` is older than `VerifyOptions::max_age`.
    TooOld,
    /// `iss` is not one of the accepted issuers.
    Issuer,
    /// `aud` contains none of the accepted audiences, or is present when none is configured.
    Audience,
    /// `sub` is not the expected subject.
    Subject,
    /// The header's `typ` is not the expected one.
    Typ,
    /// A claim that must be present is missing.
    MissingClaim,
    /// The header's `crit` lists an extension this library does not understand.
    Crit,
    /// The token is longer than `VerifyOptions::max_token_length`, or a JWKS holds more
    /// than [`crate::MAX_JWKS_KEYS`] keys.
    TooLarge,
    /// The header or payload JSON nests deeper than [`crate::MAX_JSON_DEPTH`].
    TooDeep,
    /// An option given to `verify` or `sign` is not valid.
    InvalidOption,
    /// An encrypted token (JWE) could not be decrypted: its tag, padding or wrapped key
    /// did not check out. One message for every cause, so that no oracle is exposed.
    DecryptionFailed,
}

impl ErrorCode {
    /// Every code, in the order of the documentation table.
    pub const ALL: [ErrorCode; 22] = [
        Self::Malformed,
        Self::MalformedClaim,
        Self::UnsupportedAlg,
        Self::AlgNotAllowed,
        Self::InvalidKey,
        Self::WeakKey,
        Self::KeyMismatch,
        Self::KeyNotFound,
        Self::BadSignature,
        Self::Expired,
        Self::NotYetValid,
        Self::TooOld,
        Self::Issuer,
        Self::Audience,
        Self::Subject,
        Self::Typ,
        Self::MissingClaim,
        Self::Crit,
        Self::TooLarge,
        Self::TooDeep,
        Self::InvalidOption,
        Self::DecryptionFailed,
    ];

    /// The code as the exact string the npm package uses.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::MalformedClaim => "malformed_claim",
            Self::UnsupportedAlg => "unsupported_alg",
            Self::AlgNotAllowed => "alg_not_allowed",
            Self::InvalidKey => "invalid_key",
            Self::WeakKey => "weak_key",
            Self::KeyMismatch => "key_mismatch",
            Self::KeyNotFound => "key_not_found",
            Self::BadSignature => "bad_signature",
            Self::Expired => "expired",
            Self::NotYetValid => "not_yet_valid",
            Self::TooOld => "too_old",
            Self::Issuer => "issuer",
            Self::Audience => "audience",
            Self::Subject => "subject",
            Self::Typ => "typ",
            Self::MissingClaim => "missing_claim",
            Self::Crit => "crit",
            Self::TooLarge => "too_large",
            Self::TooDeep => "too_deep",
            Self::InvalidOption => "invalid_option",
            Self::DecryptionFailed => "decryption_failed",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The part of a token an error refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The token as a whole (segment count, length, stray characters).
    Token,
    /// The first segment, the protected header.
    Header,
    /// The second segment, the claims.
    Payload,
    /// The third segment.
    Signature,
}

impl Part {
    /// The part as the npm package names it (`JwtError.part`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Token => "token",
            Self::Header => "header",
            Self::Payload => "payload",
            Self::Signature => "signature",
        }
    }
}

/// An error from decoding, verifying or signing a token, or from reading a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    part: Option<Part>,
    offset: Option<usize>,
    claim: Option<String>,
}

impl Error {
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), part: None, offset: None, claim: None }
    }

    pub(crate) fn in_part(mut self, part: Part) -> Self {
        self.part = Some(part);
        self
    }

    pub(crate) fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }

    pub(crate) fn for_claim(mut self, claim: &str) -> Self {
        self.claim = Some(claim.into());
        self.part = Some(Part::Payload);
        self
    }

    /// A malformed-token error located in `part` at byte `offset` of the token.
    pub(crate) fn malformed(part: Part, offset: usize, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Malformed, message).in_part(part).at(offset)
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// What went wrong, in words a person can act on.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The part of the token at fault, when the error is about a token.
    pub fn part(&self) -> Option<Part> {
        self.part
    }

    /// The byte offset into the token string where the fault was found.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// The claim (or option) the error is about.
    pub fn claim(&self) -> Option<&str> {
        self.claim.as_deref()
    }
}

/// Shows a token- or key-supplied string in a message: escaped and cut to 40 characters,
/// so that attacker-chosen text stays short and printable.
pub(crate) fn quoted(text: &str) -> String {
    cut(text, 40)
}

/// `text` escaped and cut to `max` characters, with `…` where it was cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref().take(max) {
        push_escaped(&mut out, c);
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// `c` as `char::escape_debug` writes it for quotes, backslashes, control characters,
/// spaces other than ' ' and invisible formatting characters (bidi controls, zero-width
/// characters, BOM); other characters as they are. `escape_debug` also escapes combining
/// marks, private-use and unassigned code points, which takes Unicode tables (about 3 KB
/// of the wasm) that showing a key's or token's text does not need.
fn push_escaped(out: &mut String, c: char) {
    let mut utf8 = [0; 4];
    let escape = match c {
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        '\0' => "\\0",
        '\\' => "\\\\",
        '\'' => "\\'",
        '"' => "\\\"",
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{a0}'
        | '\u{ad}'
        | '\u{34f}'
        | '\u{61c}'
        | '\u{1680}'
        | '\u{180e}'
        | '\u{2000}'..='\u{200f}'
        | '\u{2028}'..='\u{202f}'
        | '\u{205f}'..='\u{206f}'
        | '\u{3000}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}' => {
            out.push_str("\\u{");
            let code = u32::from(c);
            let digits = (32 - code.leading_zeros()).div_ceil(4).max(1);
            for shift in (0..digits).rev() {
                let digit = ((code >> (shift * 4)) & 0xf) as usize;
                out.push_str(crate::text::sub("0123456789abcdef", digit..digit + 1));
            }
            "}"
        }
        // Pushed as text (one `push_str` for every case): `String::push` of a `char`
        // inlines its UTF-8 encoding at each call.
        c => c.encode_utf8(&mut utf8),
    };
    out.push_str(escape);
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_escape_debug_does_for_what_it_escapes() {
        let escaped: &[char] = &['\t', '\r', '\n', '\0', '\\', '\'', '"', '\u{1}', '\u{7f}', '\u{85}', '\u{a0}', '\u{ad}', '\u{200b}', '\u{202e}', '\u{2066}', '\u{3000}', '\u{feff}'];
        let kept: &[char] = &['a', '~', ' ', 'é', 'ß', '中', '😀', 'Ω'];
        for &c in escaped.iter().chain(kept) {
            let mut text = String::new();
            text.push(c);
            assert_eq!(cut(&text, 1), c.escape_debug().collect::<String>(), "{c:?}");
        }
        for c in (0u8..0x80).map(char::from) {
            assert_eq!(cut(c.encode_utf8(&mut [0; 4]), 1), c.escape_debug().collect::<String>());
        }
        assert_eq!(cut("abc\u{202e}def", 4), "abc\\u{202e}…");
    }

    #[test]
    fn codes_are_distinct_snake_case_strings() {
        let mut seen = alloc::vec::Vec::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{s}");
            assert!(!seen.contains(&s), "duplicate {s}");
            seen.push(s);
        }
    }

    #[test]
    fn error_is_a_standard_error_that_crosses_threads() {
        fn boxed(e: Error) -> alloc::boxed::Box<dyn core::error::Error + Send + Sync + 'static> {
            alloc::boxed::Box::new(e)
        }
        let e = boxed(Error::new(ErrorCode::Expired, "the token expired"));
        assert_eq!(alloc::format!("{e}"), "expired: the token expired");
    }

    #[test]
    fn display_starts_with_code() {
        let e = Error::malformed(Part::Header, 3, "bad");
        assert_eq!(alloc::format!("{e}"), "malformed: bad");
        assert_eq!((e.part(), e.offset()), (Some(Part::Header), Some(3)));
    }
}
