//! Reading `VerifyOptions` and `SignOptions` from JSON text, as the npm package
//! passes them. Read by hand from the strict JSON object rather than derived with
//! serde: the wasm stays smaller, duplicate names are refused like everywhere else,
//! and every message names the option at fault.

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::RangeInclusive;

use crate::algorithms::Algorithm;
use crate::error::{quoted, Error, ErrorCode};
use crate::json::{self, Map, Value};
#[cfg(feature = "sign")]
use crate::sign::{IssuedAt, SignOptions};
use crate::verify::{VerifyOptions, MAX_KEYS_TRIED};

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidOption, message)
}

/// The members of an options object, taken one by one; whatever is left is unknown.
struct OptionFields(Map);

impl OptionFields {
    /// The json module's message is a predicate ("is not valid JSON: ...") for "the verify options object".
    fn parse(text: &str, what: &str) -> Result<Self, Error> {
        json::parse_object(text.as_bytes()).map(OptionFields).map_err(|e| invalid(message!("the ", what, " options object ", e.message)))
    }

    /// The member's value; JSON `null` counts as absent, like `undefined` in JS.
    fn take(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name).filter(|v| !v.is_null())
    }

    fn wrong(name: &str, wanted: &str, got: &Value) -> Error {
        invalid(message!("the option \"", name, "\" must be ", wanted, ", not ", json::type_name(got)))
    }

    fn string(&mut self, name: &str) -> Result<Option<String>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Self::wrong(name, "a string", &other)),
        }
    }

    /// A string, or an array of strings.
    fn strings(&mut self, name: &str) -> Result<Option<Vec<String>>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(alloc::vec![s])),
            Some(Value::Array(items)) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s),
                    other => Err(Self::wrong(name, "a string or an array of strings", &other)),
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(other) => Err(Self::wrong(name, "a string or an array of strings", &other)),
        }
    }

    fn number(&mut self, name: &str) -> Result<Option<f64>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(v) => v.as_f64().map(Some).ok_or_else(|| Self::wrong(name, "a number", &v)),
        }
    }

    #[cfg(feature = "sign")]
    fn integer(&mut self, name: &str) -> Result<Option<i64>, Error> {
        match self.take(name) {
            None => Ok(None),
            Some(v) => v.as_i64().map(Some).ok_or_else(|| Self::wrong(name, "a whole number of seconds", &v)),
        }
    }

    /// A whole number within `range`; `what` names it for the message ("a whole number of bytes").
    /// Every fault (a fraction, a negative, too large, not a number) gets the same message,
    /// which states the whole rule.
    fn whole_number(&mut self, name: &str, what: &str, range: RangeInclusive<u64>) -> Result<Option<u64>, Error> {
        let Some(value) = self.take(name) else { return Ok(None) };
        value.as_u64().filter(|n| range.contains(n)).map(Some).ok_or_else(|| {
            let found = if value.is_number() { String::new() } else { message!(", not ", json::type_name(&value)) };
            invalid(message!("the option \"", name, "\" must be ", what, " from ", range.start(), " to ", range.end(), found))
        })
    }

    #[cfg(feature = "sign")]
    fn algorithm(&mut self, name: &str) -> Result<Option<Algorithm>, Error> {
        self.string(name)?.map(|alg| Algorithm::from_name(&alg).map_err(|e| invalid(message!("the option \"", name, "\": ", e.message())))).transpose()
    }

    /// Refuses names nobody took, so that a typo cannot silently turn a check off.
    fn finish(self, what: &str) -> Result<(), Error> {
        match self.0.keys().next() {
            None => Ok(()),
            Some(name) => Err(invalid(message!("\"", quoted(name), "\" is not a ", what, " option"))),
        }
    }
}

impl VerifyOptions {
    /// Reads options from JSON text with the npm package's names (`maxAge`, ...).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let mut m = OptionFields::parse(text, "verify")?;
        let algorithms = m
            .strings("algorithms")?
            .map(|names| names.iter().map(|n| Algorithm::from_name(n).map_err(|e| invalid(message!("the option \"algorithms\": ", e.message())))).collect())
            .transpose()?;
        let options = VerifyOptions {
            algorithms,
            issuer: m.strings("issuer")?,
            audience: m.strings("audience")?,
            subject: m.string("subject")?,
            typ: m.string("typ")?,
            leeway: m.number("leeway")?.unwrap_or(0.0),
            now: m.number("now")?,
            max_age: m.number("maxAge")?,
            required: m.strings("required")?.unwrap_or_default(),
            // Up to u32::MAX, which usize holds on every target, wasm32 included.
            max_token_length: m.whole_number("maxTokenLength", "a whole number of bytes", 1..=u64::from(u32::MAX))?.map(|n| n as usize),
            max_keys_tried: m.whole_number("maxKeysTried", "a whole number", 1..=MAX_KEYS_TRIED as u64)?.map_or(1, |n| n as usize),
        };
        m.finish("verify")?;
        Ok(options)
    }
}

#[cfg(feature = "sign")]
impl SignOptions {
    /// Reads options from JSON text with the npm package's names (`expiresIn`, ...).
    pub fn from_json(text: &str) -> Result<Self, Error> {
        let mut m = OptionFields::parse(text, "sign")?;
        let header = match m.take("header") {
            None => None,
            Some(Value::Object(header)) => Some(header.to_json()),
            Some(other) => return Err(OptionFields::wrong("header", "an object", &other)),
        };
        let issued_at = match m.take("issuedAt") {
            None | Some(Value::Bool(true)) => IssuedAt::Now,
            Some(Value::Bool(false)) => IssuedAt::Omit,
            Some(v) => IssuedAt::At(v.as_i64().ok_or_else(|| OptionFields::wrong("issuedAt", "a boolean or a whole number of seconds", &v))?),
        };
        let options = SignOptions {
            alg: m.algorithm("alg")?,
            header,
            expires_in: m.integer("expiresIn")?,
            not_before: m.integer("notBefore")?,
            issued_at,
            now: m.number("now")?,
        };
        m.finish("sign")?;
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use super::*;

    #[test]
    fn verify_options_with_every_name() {
        let o = VerifyOptions::from_json(
            r#"{"algorithms":["HS256"],"issuer":"a","audience":["b","c"],"subject":"s","typ":"JWT","leeway":5,"now":10.5,"maxAge":60,"required":["jti"],"maxTokenLength":100}"#,
        )
        .unwrap();
        assert_eq!(o.algorithms, Some(alloc::vec![Algorithm::HS256]));
        assert_eq!((o.issuer.unwrap().len(), o.audience.unwrap().len()), (1, 2));
        assert_eq!((o.leeway, o.now, o.max_age, o.max_token_length), (5.0, Some(10.5), Some(60.0), Some(100)));
        assert!(VerifyOptions::from_json(r#"{"issuer":null}"#).unwrap().issuer.is_none());
    }

    #[test]
    fn refuses_unknown_and_mistyped_options() {
        for bad in [
            r#"{"audiance":"x"}"#,
            r#"{"algorithms":["none"]}"#,
            r#"{"algorithms":"RS1"}"#,
            r#"{"issuer":[1]}"#,
            r#"{"leeway":"5"}"#,
            r#"{"maxTokenLength":-1}"#,
            r#"{"maxTokenLength":1.5}"#,
            r#"{"a":1,"a":1}"#,
            r#"[]"#,
        ] {
            assert_eq!(VerifyOptions::from_json(bad).unwrap_err().code(), ErrorCode::InvalidOption, "{bad}");
        }
        assert!(VerifyOptions::from_json(r#"{"audiance":"x"}"#).unwrap_err().message().contains("audiance"));
    }

    #[test]
    fn max_token_length_faults_state_the_rule() {
        let rule = "the option \"maxTokenLength\" must be a whole number of bytes from 1 to 4294967295";
        for bad in ["1e12", "1.5", "-1", "0", "4294967296", "100.0"] {
            let e = VerifyOptions::from_json(&format!(r#"{{"maxTokenLength":{bad}}}"#)).unwrap_err();
            assert_eq!((e.code(), e.message()), (ErrorCode::InvalidOption, rule), "{bad}");
        }
        let e = VerifyOptions::from_json(r#"{"maxTokenLength":"100"}"#).unwrap_err();
        assert_eq!(e.message(), format!("{rule}, not a string"));
        assert_eq!(VerifyOptions::from_json(r#"{"maxTokenLength":4294967295}"#).unwrap().max_token_length, Some(4_294_967_295));
        // The time options keep their unit.
        assert!(SignOptions::from_json(r#"{"expiresIn":1.5}"#).unwrap_err().message().contains("whole number of seconds"));
    }

    #[test]
    fn max_keys_tried_is_from_1_to_16() {
        assert_eq!(VerifyOptions::from_json("{}").unwrap().max_keys_tried, 1);
        assert_eq!(VerifyOptions::from_json(r#"{"maxKeysTried":16}"#).unwrap().max_keys_tried, 16);
        for bad in ["0", "17", "1.5", "-1", "\"2\"", "1e3"] {
            let e = VerifyOptions::from_json(&format!(r#"{{"maxKeysTried":{bad}}}"#)).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidOption, "{bad}");
            assert!(e.message().starts_with("the option \"maxKeysTried\" must be a whole number from 1 to 16"), "{bad}: {e}");
        }
    }

    #[test]
    fn json_faults_are_named_once() {
        let e = VerifyOptions::from_json(r#"{"leeway":1,}"#).unwrap_err();
        assert_eq!(e.message(), "the verify options object is not valid JSON: trailing comma");
        assert_eq!(SignOptions::from_json("[]").unwrap_err().message(), "the sign options object is an array, not a JSON object");
    }

    #[test]
    fn sign_options() {
        let o = SignOptions::from_json(r#"{"alg":"HS384","expiresIn":60,"issuedAt":false,"header":{"kid":"a"}}"#).unwrap();
        assert_eq!((o.alg, o.expires_in, o.issued_at), (Some(Algorithm::HS384), Some(60), IssuedAt::Omit));
        assert_eq!(SignOptions::from_json(r#"{"issuedAt":12}"#).unwrap().issued_at, IssuedAt::At(12));
        for bad in [r#"{"expiresIn":1.5}"#, r#"{"alg":"none"}"#, r#"{"expiresin":1}"#, r#"{"header":[]}"#, r#"{"issuedAt":"now"}"#] {
            assert_eq!(SignOptions::from_json(bad).unwrap_err().code(), ErrorCode::InvalidOption, "{bad}");
        }
    }
}
