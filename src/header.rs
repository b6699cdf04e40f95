//! The JOSE protected header (RFC 7515 section 4): `alg`, `kid`, `typ` and `crit`.
//! `jwk`, `jku`, `x5u` and `x5c` are never used to find a key: the caller's key decides.

use alloc::borrow::Cow;
use alloc::string::String;


use crate::algorithms::Algorithm;
use crate::error::{quoted, Error, ErrorCode, Part};
use crate::json::{self, Members, Value};
use crate::text;

/// Extensions this library implements and may therefore be listed in `crit`.
/// None yet: `b64` (RFC 7797) is deliberately unsupported.
const UNDERSTOOD_CRIT: &[&str] = &[];

/// Header parameters registered by RFC 7515/7519, which `crit` must not list (RFC 7515 4.1.11).
const REGISTERED: &[&str] = &["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"];

/// The header members that verification acts on.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub alg: Algorithm,
    pub kid: Option<String>,
    pub typ: Option<String>,
}

fn header_error(code: ErrorCode, message: String) -> Error {
    Error::new(code, message).in_part(Part::Header)
}

fn optional_string(map: &impl Members, name: &str) -> Result<Option<String>, Error> {
    match map.get(name).map(Cow::into_owned) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(header_error(
            ErrorCode::Malformed,
            message!("the header \"", name, "\" must be a string, not ", json::type_name(&other)),
        )),
    }
}

impl Header {
    /// The members `read` looks at (besides the names `crit` lists, which need only be present).
    pub(crate) const MEMBERS: &'static [&'static str] = &["alg", "kid", "typ", "crit", "b64"];

    /// Reads and checks a parsed header for verification.
    pub(crate) fn read(map: &impl Members) -> Result<Header, Error> {
        let alg = match map.get("alg").as_deref() {
            None => return Err(header_error(ErrorCode::Malformed, "the header has no \"alg\"".into())),
            Some(Value::String(name)) => Algorithm::from_name(name).map_err(|e| e.in_part(Part::Header))?,
            Some(other) => {
                return Err(header_error(ErrorCode::Malformed, message!("the header \"alg\" must be a string, not ", json::type_name(other))))
            }
        };
        check_crit(map, REGISTERED)?;
        Ok(Header { alg, kid: optional_string(map, "kid")?, typ: optional_string(map, "typ")? })
    }
}

/// Checks `b64` and `crit`: only understood extensions, never a `registered` parameter.
pub(crate) fn check_crit(map: &impl Members, registered: &[&str]) -> Result<(), Error> {
    if map.get("b64").is_some_and(|b64| *b64 != Value::Bool(true)) {
        return Err(header_error(ErrorCode::Crit, "the unencoded payload option \"b64\" (RFC 7797) is not supported".into()));
    }
    let Some(crit) = map.get("crit") else { return Ok(()) };
    let crit_error = |why: String| Err(header_error(ErrorCode::Crit, why));
    let Some(names) = crit.as_array().filter(|a| !a.is_empty()) else {
        return crit_error("the header \"crit\" must be a non-empty array of extension names".into());
    };
    for name in names {
        let Some(name) = name.as_str() else { return crit_error("the header \"crit\" must list strings".into()) };
        if registered.contains(&name) {
            return crit_error(message!("the header \"crit\" lists \"", name, "\", a registered parameter, which it must not (RFC 7515 4.1.11)"));
        }
        if !UNDERSTOOD_CRIT.contains(&name) {
            return crit_error(message!("the header \"crit\" requires the extension \"", quoted(name), "\", which this library does not understand"));
        }
        if !map.contains_key(name) {
            return crit_error(message!("the header \"crit\" lists \"", name, "\" but the header does not carry it"));
        }
    }
    Ok(())
}

/// `typ` values compare case-insensitively, with or without the `application/` prefix (RFC 7515 4.1.9).
pub(crate) fn same_typ(a: &str, b: &str) -> bool {
    fn media(t: &str) -> &str {
        t.get(..12).filter(|p| p.eq_ignore_ascii_case("application/")).map_or(t, |_| text::sub(t, 12..))
    }
    media(a).eq_ignore_ascii_case(media(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Header, Error> {
        Header::read(&crate::json::parse_object(json.as_bytes()).unwrap())
    }

    #[test]
    fn alg_must_be_a_supported_string() {
        assert_eq!(read(r#"{"alg":"HS256","kid":"k"}"#).unwrap().kid.as_deref(), Some("k"));
        assert_eq!(read(r#"{}"#).unwrap_err().code(), ErrorCode::Malformed);
        assert_eq!(read(r#"{"alg":1}"#).unwrap_err().code(), ErrorCode::Malformed);
        assert_eq!(read(r#"{"alg":"none"}"#).unwrap_err().code(), ErrorCode::UnsupportedAlg);
        assert_eq!(read(r#"{"alg":"HS256","kid":5}"#).unwrap_err().code(), ErrorCode::Malformed);
        assert_eq!(read(r#"{"alg":"HS256","typ":[]}"#).unwrap_err().part(), Some(Part::Header));
    }

    #[test]
    fn crit_is_refused_unless_understood() {
        for h in [
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"HS256","crit":"exp"}"#,
            r#"{"alg":"HS256","crit":[1]}"#,
            r#"{"alg":"HS256","crit":["alg"]}"#,
            r#"{"alg":"HS256","crit":["b64"],"b64":false}"#,
            r#"{"alg":"HS256","crit":["http://example.invalid/ext"],"http://example.invalid/ext":1}"#,
            r#"{"alg":"HS256","b64":false}"#,
        ] {
            assert_eq!(read(h).unwrap_err().code(), ErrorCode::Crit, "{h}");
        }
        assert!(read(r#"{"alg":"HS256","b64":true}"#).is_ok());
    }

    #[test]
    fn typ_comparison() {
        assert!(same_typ("JWT", "jwt"));
        assert!(same_typ("application/at+jwt", "at+JWT"));
        assert!(!same_typ("JWT", "at+jwt"));
    }
}
