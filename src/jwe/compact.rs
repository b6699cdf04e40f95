//! The JWE compact serialization (RFC 7516 section 7.1): five base64url segments,
//! read with the strictness of the JWS segments, and the protected header.

use alloc::string::String;
use alloc::vec::Vec;


use super::algorithms::{ContentEncryption, KeyManagement};
use crate::base64url;
use crate::error::{Error, ErrorCode, Part};
use crate::header::check_crit;
use crate::json::{self, JsonErrorKind, Map, Value};

/// Header parameters registered by RFC 7516 and RFC 7518 for JWE, which `crit` must not list.
const REGISTERED: &[&str] = &[
    "alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
];

/// The segment names, in order, as messages use them.
const NAMES: [&str; 5] = ["protected header", "encrypted key", "initialization vector", "ciphertext", "authentication tag"];

/// A compact JWE cut into its five segments, each decoded.
pub(crate) struct Compact<'a> {
    /// The protected header's base64url text: the additional authenticated data.
    pub aad: &'a str,
    pub header: Vec<u8>,
    pub encrypted_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

impl<'a> Compact<'a> {
    /// Splits a token into exactly five segments (after the length check) and decodes them.
    pub(crate) fn parse(token: &'a str, max_len: usize) -> Result<Self, Error> {
        if token.len() > max_len {
            return Err(Error::new(ErrorCode::TooLarge, message!("the token is ", token.len(), " bytes long; the limit is ", max_len, " (maxTokenLength)"))
                .in_part(Part::Token));
        }
        let segments: Vec<&str> = token.splitn(6, '.').collect();
        if segments.len() != 5 {
            let count = token.matches('.').count() + 1;
            let hint = if count == 3 { " (three segments is a signed JWS: use verify)" } else { "" };
            let offset = token.match_indices('.').nth(4).map_or(token.len(), |(i, _)| i);
            return Err(Error::malformed(Part::Token, offset, message!("a compact JWE has five segments separated by four dots; this token has ", count, hint)));
        }
        let mut start = 0;
        let mut decoded = Vec::with_capacity(5);
        for (i, text) in segments.iter().enumerate() {
            let part = if i == 0 { Part::Header } else { Part::Token };
            let bytes = base64url::decode(text.as_bytes())
                .map_err(|e| Error::malformed(part, start + e.offset, message!("the ", NAMES[i], " is not valid base64url: ", e.reason)))?;
            decoded.push(bytes);
            start += text.len() + 1;
        }
        if segments[0].is_empty() {
            return Err(Error::malformed(Part::Header, 0, "the protected header segment is empty"));
        }
        let mut decoded = decoded.into_iter();
        let mut next = || decoded.next().expect("five segments");
        Ok(Compact { aad: segments[0], header: next(), encrypted_key: next(), iv: next(), ciphertext: next(), tag: next() })
    }
}

/// The protected header of a JWE, read and checked.
pub(crate) struct JweHeader {
    pub json: String,
    pub map: Map,
    pub alg: KeyManagement,
    pub enc: ContentEncryption,
    pub kid: Option<String>,
}

fn header_error(message: String) -> Error {
    Error::new(ErrorCode::Malformed, message).in_part(Part::Header)
}

impl JweHeader {
    /// Checks the decoded header: UTF-8, strict JSON, `alg` and `enc` known, `crit`
    /// understood (nothing is), no `zip`. Offsets in errors point at the token character
    /// that encodes the faulty byte.
    pub(crate) fn read(bytes: Vec<u8>) -> Result<Self, Error> {
        let json = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            Error::malformed(Part::Header, at * 4 / 3, message!("the protected header is not UTF-8 (byte ", at, ")"))
        })?;
        let map = json::parse_object(json.as_bytes()).map_err(|e| {
            let message = message!("the protected header ", e.message);
            match e.kind {
                JsonErrorKind::Syntax => Error::malformed(Part::Header, e.offset * 4 / 3, message),
                JsonErrorKind::TooDeep => Error::new(ErrorCode::TooDeep, message).in_part(Part::Header).at(e.offset * 4 / 3),
            }
        })?;
        let string = |name: &str| match map.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(header_error(message!("the header \"", name, "\" must be a string, not ", json::type_name(other)))),
        };
        let alg = string("alg")?.ok_or_else(|| header_error("the header has no \"alg\"".into()))?;
        let alg = KeyManagement::from_name(alg).map_err(|e| e.in_part(Part::Header))?;
        let enc = string("enc")?.ok_or_else(|| header_error("the header has no \"enc\": a JWE names its content encryption".into()))?;
        let enc = ContentEncryption::from_name(enc).map_err(|e| e.in_part(Part::Header))?;
        if let Some(zip) = map.get("zip") {
            let shown = zip.as_str().map_or_else(|| String::from("?"), crate::error::quoted);
            return Err(Error::new(ErrorCode::UnsupportedAlg, message!("the header \"zip\" (\"", shown, "\") asks for compressed content, which is refused (a decompression bomb risk)")).in_part(Part::Header));
        }
        check_crit(&map, REGISTERED)?;
        let kid = string("kid")?.map(String::from);
        for name in ["cty", "typ"] {
            string(name)?;
        }
        Ok(JweHeader { json, map, alg, enc, kid })
    }

    /// A base64url header member (`iv`, `tag`, `apu`, `apv`), decoded; `None` when absent.
    pub(crate) fn bytes(&self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        match self.map.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => base64url::decode(text.as_bytes())
                .map(Some)
                .map_err(|e| header_error(message!("the header \"", name, "\" is not valid base64url: ", e.reason))),
            Some(other) => Err(header_error(message!("the header \"", name, "\" must be a base64url string, not ", json::type_name(other)))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_five_strict_segments() {
        for t in ["a.b.c", "a.b.c.d", "a.b.c.d.e.f", ""] {
            assert_eq!(Compact::parse(t, 1000).err().unwrap().code(), ErrorCode::Malformed, "{t}");
        }
        assert!(Compact::parse("a.b.c", 1000).err().unwrap().message().contains("signed JWS"));
        let e = Compact::parse("e30.AA.AA=.AA.AA", 1000).err().unwrap();
        assert_eq!((e.offset(), e.message().contains("initialization vector")), (Some(9), true));
        assert_eq!(Compact::parse(".AA.AA.AA.AA", 1000).err().unwrap().part(), Some(Part::Header));
        assert_eq!(Compact::parse(&"e".repeat(2000), 1000).err().unwrap().code(), ErrorCode::TooLarge);
    }

    fn header(json: &str) -> Result<JweHeader, Error> {
        JweHeader::read(json.as_bytes().to_vec())
    }

    #[test]
    fn header_rules() {
        assert!(header(r#"{"alg":"dir","enc":"A128GCM"}"#).is_ok());
        assert_eq!(header(r#"{"alg":"dir"}"#).err().unwrap().code(), ErrorCode::Malformed);
        assert_eq!(header(r#"{"enc":"A128GCM"}"#).err().unwrap().code(), ErrorCode::Malformed);
        assert_eq!(header(r#"{"alg":"dir","enc":"A128GCM","alg":"dir"}"#).err().unwrap().code(), ErrorCode::Malformed);
        assert_eq!(header(r#"{"alg":"RSA1_5","enc":"A128GCM"}"#).err().unwrap().code(), ErrorCode::UnsupportedAlg);
        assert!(header(r#"{"alg":"PBES2-HS256+A128KW","enc":"A128GCM"}"#).err().unwrap().message().contains("iteration"));
        assert!(header(r#"{"alg":"HS256","enc":"A128GCM"}"#).err().unwrap().message().contains("signature algorithm"));
        assert_eq!(header(r#"{"alg":"dir","enc":"A128GCM","zip":"DEF"}"#).err().unwrap().code(), ErrorCode::UnsupportedAlg);
        assert_eq!(header(r#"{"alg":"dir","enc":"A128GCM","crit":["exp"],"exp":1}"#).err().unwrap().code(), ErrorCode::Crit);
        assert_eq!(header(r#"{"alg":"dir","enc":"A128GCM","crit":["enc"]}"#).err().unwrap().code(), ErrorCode::Crit);
    }
}
