//! The compact serialization: three base64url segments joined by dots (RFC 7515
//! section 7.1), and `decode`, which reads a token without verifying it.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, ErrorCode, Part};
use crate::json::{self, JsonErrorKind, Scanned};
use crate::base64url;
use crate::swar;
use crate::text;

/// The default for `VerifyOptions::max_token_length`: 64 KiB, far above any real
/// token, and checked before any decoding work.
pub const DEFAULT_MAX_TOKEN_LENGTH: usize = 64 * 1024;

/// A token cut into its segments, each still base64url.
pub(crate) struct Segments<'a> {
    token: &'a str,
    pub header: &'a str,
    pub payload: &'a str,
    pub signature: &'a str,
}

impl<'a> Segments<'a> {
    /// Splits a token into exactly three segments after the length check.
    pub(crate) fn split(token: &'a str, max_len: usize) -> Result<Self, Error> {
        if token.len() > max_len {
            return Err(Error::new(
                ErrorCode::TooLarge,
                message!("the token is ", token.len(), " bytes long; the limit is ", max_len, " (maxTokenLength)"),
            )
            .in_part(Part::Token));
        }
        if token.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("bearer ")) {
            return Err(Error::malformed(Part::Token, 0, "remove the \"Bearer \" prefix: pass only the token itself"));
        }
        let bytes = token.as_bytes();
        let dot_after = |from: usize| from + swar::position(bytes.get(from..).unwrap_or_default(), b'.', |word| swar::equal(word, b'.'));
        let first = dot_after(0);
        let second = dot_after(first + 1);
        if second >= token.len() || dot_after(second + 1) < token.len() {
            let count = bytes.iter().filter(|&&b| b == b'.').count() + 1;
            let hint = if count == 5 { " (five segments is an encrypted JWE: decrypt it with a decryption key, not verify)" } else { "" };
            let offset = (0..token.len()).filter(|&i| bytes[i] == b'.').nth(2).unwrap_or(token.len());
            return Err(Error::malformed(
                Part::Token,
                offset,
                message!("a compact JWS has three segments separated by two dots; this token has ", count, hint),
            ));
        }
        Ok(Self { token, header: text::sub(token, ..first), payload: text::sub(token, first + 1..second), signature: text::sub(token, second + 1..) })
    }

    pub(crate) fn start(&self, part: Part) -> usize {
        match part {
            Part::Token | Part::Header => 0,
            Part::Payload => self.header.len() + 1,
            Part::Signature => self.header.len() + self.payload.len() + 2,
        }
    }

    fn text(&self, part: Part) -> &'a str {
        match part {
            Part::Token => self.token,
            Part::Header => self.header,
            Part::Payload => self.payload,
            Part::Signature => self.signature,
        }
    }

    /// `base64url(header) || '.' || base64url(payload)`, the bytes that are signed.
    pub(crate) fn signing_input(&self) -> &'a [u8] {
        &self.token.as_bytes()[..self.start(Part::Signature) - 1]
    }

    /// Decodes one segment's base64url; errors point at the token byte at fault.
    pub(crate) fn bytes(&self, part: Part) -> Result<Vec<u8>, Error> {
        base64url::decode(self.text(part).as_bytes()).map_err(|e| self.base64_error(part, e))
    }


    /// Checks one segment's base64url as [`Self::bytes`] does, without keeping the bytes.
    pub(crate) fn check_base64(&self, part: Part) -> Result<(), Error> {
        base64url::check(self.text(part).as_bytes()).map_err(|e| self.base64_error(part, e))
    }

    fn base64_error(&self, part: Part, e: base64url::DecodeError) -> Error {
        Error::malformed(part, self.start(part) + e.offset, message!("the ", part.as_str(), " is not valid base64url: ", e.reason))
    }

    /// The decoded header or payload as text: non-empty UTF-8, not yet checked as JSON.
    pub(crate) fn json_text(&self, part: Part, bytes: Vec<u8>) -> Result<String, Error> {
        self.refuse_empty(part)?;
        String::from_utf8(bytes).map_err(|e| self.utf8_error(part, e.utf8_error()))
    }

    /// [`Self::json_text`], borrowed.
    fn json_str<'b>(&self, part: Part, bytes: &'b [u8]) -> Result<&'b str, Error> {
        self.refuse_empty(part)?;
        core::str::from_utf8(bytes).map_err(|e| self.utf8_error(part, e))
    }

    fn refuse_empty(&self, part: Part) -> Result<(), Error> {
        match self.text(part).is_empty() {
            true => Err(Error::malformed(part, self.start(part), message!("the ", part.as_str(), " segment is empty"))),
            false => Ok(()),
        }
    }

    fn utf8_error(&self, part: Part, e: core::str::Utf8Error) -> Error {
        let at = e.valid_up_to();
        Error::malformed(part, self.token_offset(part, at), message!("the ", part.as_str(), " is not UTF-8 (byte ", at, ")"))
    }

    /// Checks JSON text of the header or payload strictly and locates the `wanted`
    /// top-level members; errors point at the token character that encodes the faulty byte.
    pub(crate) fn scan<'t>(&self, part: Part, text: &'t str, wanted: &'static [&'static str]) -> Result<Scanned<'t>, Error> {
        json::locate_members(text, wanted).map_err(|e| self.json_error(part, e))
    }

    fn json_error(&self, part: Part, e: json::JsonError) -> Error {
        let offset = self.token_offset(part, e.offset);
        let message = message!("the ", part.as_str(), " ", e.message);
        match e.kind {
            JsonErrorKind::Syntax => Error::malformed(part, offset, message),
            JsonErrorKind::TooDeep => Error::new(ErrorCode::TooDeep, message).in_part(part).at(offset),
        }
    }

    /// The first token character that encodes byte `at` of a decoded segment.
    fn token_offset(&self, part: Part, at: usize) -> usize {
        self.start(part) + at * 4 / 3
    }

    /// Appends the header's or payload's JSON text to `text`, checked strictly and read
    /// by `read` (a [`json`] scan).
    fn append_json<T>(&self, part: Part, text: &mut Vec<u8>, read: impl FnOnce(&str) -> Result<T, json::JsonError>) -> Result<T, Error> {
        let start = text.len();
        base64url::decode_into(self.text(part).as_bytes(), text).map_err(|e| self.base64_error(part, e))?;
        read(self.json_str(part, &text[start..])?).map_err(|e| self.json_error(part, e))
    }
}

/// Parses JSON text that was already checked strictly, for callers who want the object.
#[cfg(feature = "serde")]
pub(crate) fn checked_object(text: &str) -> serde_json::Map<String, serde_json::Value> {
    serde_json::from_str(text).expect("the text was checked as a JSON object")
}

/// A token's header and payload JSON texts, checked strictly, and its signature segment,
/// in one allocation (a quarter of a native `decode`'s time went to three): what the wasm
/// binding of `decode` returns, and what [`Decoded`] holds.
#[derive(Clone, Debug)]
pub(crate) struct Texts {
    text: String,
    header_end: usize,
    payload_end: usize,
}

impl Texts {
    /// Reads `token` as [`decode`] does; the header is also read by `read_header`.
    fn read<T>(token: &str, read_header: impl FnOnce(&str) -> Result<T, json::JsonError>) -> Result<(Self, T), Error> {
        let segments = Segments::split(token, DEFAULT_MAX_TOKEN_LENGTH)?;
        let capacity = base64url::decoded_capacity(segments.header.len()) + base64url::decoded_capacity(segments.payload.len());
        let mut text = Vec::with_capacity(capacity + segments.signature.len());
        let header = segments.append_json(Part::Header, &mut text, read_header)?;
        let header_end = text.len();
        segments.append_json(Part::Payload, &mut text, |payload| json::locate_members(payload, &[]).map(drop))?;
        let payload_end = text.len();
        segments.check_base64(Part::Signature)?;
        text.extend_from_slice(segments.signature.as_bytes());
        // Never the default: both texts were checked as UTF-8, and base64url is ASCII. (No
        // `expect`: its message formatting would add to the wasm.)
        let text = String::from_utf8(text).unwrap_or_default();
        Ok((Texts { text, header_end, payload_end }, header))
    }

    /// Reads `token` as [`decode`] does, without keeping the header's `alg`, `kid` and `typ`
    /// (the wasm binding, whose callers read the header's JSON).
    #[cfg(feature = "wasm")]
    pub(crate) fn of(token: &str) -> Result<Self, Error> {
        Self::read(token, |header| json::locate_members(header, &[]).map(drop)).map(|(texts, ())| texts)
    }

    pub(crate) fn header_json(&self) -> &str {
        text::sub(&self.text, ..self.header_end)
    }

    pub(crate) fn payload_json(&self) -> &str {
        text::sub(&self.text, self.header_end..self.payload_end)
    }

    pub(crate) fn signature(&self) -> &str {
        text::sub(&self.text, self.payload_end..)
    }
}

/// A token read without verifying its signature: nothing in it can be trusted.
#[derive(Clone, Debug)]
pub struct Decoded {
    texts: Texts,
    /// The header's `alg`, `kid` and `typ` ([`NAMED_HEADER_MEMBERS`]), when strings.
    named: [Option<HeaderText>; 3],
}

/// A string member of the header: where it is in the header's JSON text, or, when
/// written with escapes, what it says (no copy for the usual case).
#[derive(Clone, Debug)]
enum HeaderText {
    At(core::ops::Range<usize>),
    Unescaped(String),
}

impl Decoded {
    fn named(&self, which: usize) -> Option<&str> {
        match self.named[which].as_ref()? {
            HeaderText::At(range) => self.header_json().get(range.clone()),
            HeaderText::Unescaped(text) => Some(text),
        }
    }
    /// The header's `alg`, when it is a string: unchecked, like everything here (`verify`
    /// is what binds the algorithm to a key).
    pub fn alg(&self) -> Option<&str> {
        self.named(0)
    }
    /// The header's `kid`, when it is a string: which key the token names.
    pub fn kid(&self) -> Option<&str> {
        self.named(1)
    }
    /// The header's `typ`, when it is a string.
    pub fn typ(&self) -> Option<&str> {
        self.named(2)
    }
    /// The protected header, parsed from [`Self::header_json`].
    #[cfg(feature = "serde")]
    pub fn header(&self) -> serde_json::Map<String, serde_json::Value> {
        checked_object(self.header_json())
    }
    /// The claims, unverified, parsed from [`Self::payload_json`].
    #[cfg(feature = "serde")]
    pub fn payload(&self) -> serde_json::Map<String, serde_json::Value> {
        checked_object(self.payload_json())
    }
    /// The claims, unverified, as your own type: for display and routing only, like
    /// [`Self::payload`]. A payload that does not fit `T` is [`ErrorCode::MalformedClaim`].
    #[cfg(feature = "serde")]
    pub fn claims_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        crate::claims::deserialize(self.payload_json())
    }
    /// The header's JSON text, as it was encoded in the token.
    pub fn header_json(&self) -> &str {
        self.texts.header_json()
    }
    /// The payload's JSON text, as it was encoded in the token.
    pub fn payload_json(&self) -> &str {
        self.texts.payload_json()
    }
    /// The signature segment, base64url as in the token.
    pub fn signature(&self) -> &str {
        self.texts.signature()
    }
}

/// Reads a token's header and payload **without verifying it**: for display and
/// routing only (the debugger page, picking a key set by `iss`). Use [`crate::verify`]
/// before trusting anything in it. The structure is checked as strictly as by
/// `verify`: three segments, strict base64url and JSON objects; `alg` is not checked.
///
/// ```
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2ln";
/// let decoded = wasm_jwt::decode(token)?;
/// assert_eq!(decoded.payload()["sub"], "123");
/// assert_eq!(decoded.signature(), "c2ln");
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
pub fn decode(token: &str) -> Result<Decoded, Error> {
    let (texts, named) = Texts::read(token, |header| {
        let header = json::locate_members(header, &NAMED_HEADER_MEMBERS)?;
        Ok([0, 1, 2].map(|at| header_text(header.located(at)?)))
    })?;
    Ok(Decoded { texts, named })
}

/// A header member's value, if it is a string: where it is, or, with escapes, what it says.
fn header_text(mut value: json::Reader) -> Option<HeaderText> {
    match value.plain_string() {
        Some(text) => Some(HeaderText::At(value.pos - 1 - text.len()..value.pos - 1)),
        None if value.peek() == Some(b'"') => value.string().ok().map(|text| HeaderText::Unescaped(text.into_owned())),
        None => None,
    }
}

/// The header members [`Decoded`] keeps as strings, for callers that route by them.
const NAMED_HEADER_MEMBERS: [&str; 3] = ["alg", "kid", "typ"];

#[cfg(test)]
mod tests {
    use alloc::format;
    use super::*;

    fn err(token: &str) -> Error {
        decode(token).unwrap_err()
    }

    #[test]
    fn segment_count() {
        for t in ["", "a", "a.b", "a.b.c.d", "a.b.c.d.e"] {
            let e = err(t);
            assert_eq!((e.code(), e.part()), (ErrorCode::Malformed, Some(Part::Token)), "{t:?}");
        }
        assert!(err("a.b.c.d.e").message().contains("JWE"));
        assert_eq!(err("eyJ9.e30.x.y").offset(), Some(10));
        // The count of segments, and the offset of the third dot (or the end) as the fault.
        for (t, count, offset) in [("", 1, 0), ("a.b", 2, 3), ("a.b.c.d", 4, 5), ("a.é.c.d.e", 5, 6)] {
            let e = err(t);
            assert!(e.message().contains(&format!("this token has {count}")), "{t:?}: {}", e.message());
            assert_eq!(e.offset(), Some(offset), "{t:?}");
        }
    }

    #[test]
    fn locates_base64_faults_in_the_token() {
        let e = err("eyJhbGciOiJIUzI1NiJ9.e30=.");
        assert_eq!((e.part(), e.offset()), (Some(Part::Payload), Some(24)));
        let e = err("eyJhbGciOiJIUzI1NiJ9.e30.ab+c");
        assert_eq!((e.part(), e.offset()), (Some(Part::Signature), Some(27)));
        let e = err(" eyJhbGciOiJIUzI1NiJ9.e30.");
        assert_eq!((e.part(), e.offset()), (Some(Part::Header), Some(0)));
        let e = err("eyJhbGciOiJIUzI1NiJ9.e30.\n");
        assert_eq!((e.part(), e.offset()), (Some(Part::Signature), Some(25)));
        assert!(err("Bearer eyJhbGciOiJIUzI1NiJ9.e30.").message().contains("Bearer"));
    }

    #[test]
    fn locates_json_faults() {
        // {"alg":"HS256",} : the fault is the closing brace at byte 15.
        let header = base64url::encode(br#"{"alg":"HS256",}"#);
        let e = err(&format!("{header}.e30."));
        assert_eq!((e.code(), e.part()), (ErrorCode::Malformed, Some(Part::Header)));
        assert_eq!(e.offset(), Some(15 * 4 / 3));
        let payload = base64url::encode(br#"{"a":1,"a":2}"#);
        let e = err(&format!("e30.{payload}."));
        assert_eq!(e.part(), Some(Part::Payload));
        assert!(e.message().contains("the payload has the member name \"a\" twice"), "{}", e.message());
        assert_eq!(err("e30..").part(), Some(Part::Payload));
        assert_eq!(err(".e30.").part(), Some(Part::Header));
    }

    /// The wasm binding joins the two texts with a NUL: no text decode returns has one.
    #[test]
    fn no_text_has_a_control_character() {
        for text in ["{\"a\":\"\0\"}", "{\"a\":\"\u{1f}\"}", "{\"a\":1}\0", "{\"\0\":1}", "{\0\"a\":1}"] {
            let encoded = base64url::encode(text.as_bytes());
            for token in [format!("{encoded}.e30."), format!("e30.{encoded}.")] {
                assert_eq!(err(&token).code(), ErrorCode::Malformed, "{text:?}");
            }
        }
        assert_eq!(decode(&format!("e30.{}.", base64url::encode(br#"{"a":"\u0000"}"#))).unwrap().payload_json(), r#"{"a":"\u0000"}"#);
    }

    #[test]
    fn named_members_of_rare_headers() {
        // Escaped member names and more names than the quick scan holds go to the parser;
        // alg, kid and typ are found all the same.
        let header = base64url::encode(br#"{"\u0061lg":"HS256","t\u0079p":"JWT","kid":"k1"}"#);
        let d = decode(&format!("{header}.e30.")).unwrap();
        assert_eq!((d.alg(), d.kid(), d.typ()), (Some("HS256"), Some("k1"), Some("JWT")));
        let many: String = (0..40).map(|i| format!(",\"x{i}\":{i}")).collect();
        let header = base64url::encode(format!(r#"{{"typ":"at+jwt"{many},"alg":"ES256"}}"#).as_bytes());
        let d = decode(&format!("{header}.e30.")).unwrap();
        assert_eq!((d.alg(), d.kid(), d.typ()), (Some("ES256"), None, Some("at+jwt")));
        // Still strict on that path: a repeated name is refused.
        let header = base64url::encode(format!(r#"{{"alg":"HS256"{many},"\u0061lg":"none"}}"#).as_bytes());
        assert_eq!(err(&format!("{header}.e30.")).part(), Some(Part::Header));
    }

    #[test]
    fn too_large_is_checked_first() {
        let e = err(&"x".repeat(DEFAULT_MAX_TOKEN_LENGTH + 1));
        assert_eq!(e.code(), ErrorCode::TooLarge);
    }

    #[test]
    fn decodes_without_checking_alg() {
        let d = decode("eyJhbGciOiJub25lIn0.eyJhIjoxfQ.").unwrap();
        assert_eq!(d.header_json(), r#"{"alg":"none"}"#);
        assert_eq!((d.alg(), d.kid(), d.typ()), (Some("none"), None, None));
        assert_eq!(d.payload_json(), r#"{"a":1}"#);
        // Members of other types are not strings to route by.
        let header = base64url::encode(br#"{"alg":1,"kid":"k1","typ":"JWT"}"#);
        let d = decode(&format!("{header}.e30.")).unwrap();
        assert_eq!((d.alg(), d.kid(), d.typ()), (None, Some("k1"), Some("JWT")));
        // Escaped, blank-separated, after nested values, empty: as the JSON says.
        let header = base64url::encode(" { \"x\" : {\"alg\":\"no\"} , \"typ\":\"\", \"kid\" : \"k\\u00e9\\\"\" ,\"alg\":\"HS256\" }".as_bytes());
        let d = decode(&format!("{header}.e30.")).unwrap();
        assert_eq!((d.alg(), d.kid(), d.typ()), (Some("HS256"), Some("ké\""), Some("")));
    }
}
