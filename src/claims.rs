//! Registered claims (RFC 7519 section 4.1): their types, and the checks
//! `verify` makes against the options and the clock.

use alloc::string::String;

use crate::error::{quoted, Error, ErrorCode};
use crate::json::{Located, Members, Scanned};
use crate::verify::VerifyOptions;

/// The registered claims `validate` reads (others, such as `required` names, need only be
/// present), in the order of the positions below, by which [`Registered::read`] takes them.
pub(crate) const REGISTERED: &[&str] = &["exp", "nbf", "iat", "iss", "sub", "jti", "aud"];
const EXP: usize = 0;
const NBF: usize = 1;
const IAT: usize = 2;
const ISS: usize = 3;
const SUB: usize = 4;
const JTI: usize = 5;
const AUD: usize = 6;

fn claim_error(code: ErrorCode, claim: &str, message: String) -> Error {
    Error::new(code, message).for_claim(claim)
}

/// The claims as the caller's own type. serde's message can quote the token's values,
/// so it is escaped and cut like any token-supplied text.
#[cfg(feature = "serde")]
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(payload_json: &str) -> Result<T, Error> {
    use alloc::string::ToString;
    serde_json::from_str(payload_json).map_err(|e| {
        let reason = crate::error::cut(&e.to_string(), 160);
        Error::new(ErrorCode::MalformedClaim, message!("the claims do not fit the type ", core::any::type_name::<T>(), ": ", reason)).in_part(crate::error::Part::Payload)
    })
}

/// The registered claims of a payload, their JSON types checked (times are numbers,
/// `iss`/`sub`/`jti` strings, `aud` a string or an array of strings), read in place from
/// its text by [`json::locate_members`]: nothing is built for them. What `verify` checks
/// and what `sign` adds to.
pub(crate) struct Registered<'a> {
    pub exp: Option<f64>,
    pub nbf: Option<f64>,
    pub iat: Option<f64>,
    iss: Option<Located<'a>>,
    sub: Option<Located<'a>>,
    aud: Option<Located<'a>>,
    members: Scanned<'a>,
}

impl<'a> Registered<'a> {
    /// Reads the claims of a payload located with [`REGISTERED`] as the wanted names.
    pub(crate) fn read(members: Scanned<'a>) -> Result<Self, Error> {
        // By position: EXP, NBF and IAT are the first three.
        let mut times = [None; 3];
        for (at, claim) in REGISTERED.iter().enumerate() {
            let Some(value) = members.member(at) else { continue };
            let (fits, wanted) = match at {
                EXP | NBF | IAT => {
                    let time = value.number();
                    if let Some(slot) = times.get_mut(at) {
                        *slot = time;
                    }
                    (time.is_some(), "a number (seconds since 1970)")
                }
                ISS | SUB | JTI => (value.is_string(), "a string"),
                _ => (value.is_string() || value.strings().is_some(), "a string or an array of strings"),
            };
            if !fits {
                return Err(claim_error(ErrorCode::MalformedClaim, claim, message!("the \"", claim, "\" claim must be ", wanted, ", not ", value.type_name())));
            }
        }
        let [exp, nbf, iat] = times;
        Ok(Registered { exp, nbf, iat, iss: members.member(ISS), sub: members.member(SUB), aud: members.member(AUD), members })
    }

    /// Whether the payload has a member of this name, registered or not.
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.members.contains_key(name)
    }
}

fn missing(claim: &str, why: &str) -> Error {
    claim_error(ErrorCode::MissingClaim, claim, message!("the token has no \"", claim, "\" claim", why))
}

/// Validates verified claims against the options at time `now` (seconds since 1970).
pub(crate) fn validate(claims: &Registered<'_>, options: &VerifyOptions, now: f64) -> Result<(), Error> {
    if let Some(name) = options.required.iter().find(|name| !claims.contains(name.as_str())) {
        return Err(missing(name, ", which the options require"));
    }
    let leeway = options.leeway;
    if let Some(exp) = claims.exp.filter(|&exp| exp <= now - leeway) {
        return Err(claim_error(ErrorCode::Expired, "exp", message!("the token expired ", span(now - exp), " ago (exp ", whole_seconds(exp), ")")));
    }
    if let Some(nbf) = claims.nbf.filter(|&nbf| nbf > now + leeway) {
        return Err(claim_error(ErrorCode::NotYetValid, "nbf", message!("the token is not valid for another ", span(nbf - now), " (nbf ", whole_seconds(nbf), ")")));
    }
    if let Some(max_age) = options.max_age {
        let iat = claims.iat.ok_or_else(|| missing("iat", ", which maxAge needs"))?;
        // A future iat would make the age negative and pass any maxAge.
        if iat > now + leeway {
            return Err(claim_error(ErrorCode::NotYetValid, "iat", message!("the token's \"iat\" is ", span(iat - now), " in the future, so maxAge cannot accept it")));
        }
        if now - iat > max_age + leeway {
            return Err(claim_error(ErrorCode::TooOld, "iat", message!("the token was issued ", span(now - iat), " ago, more than maxAge allows (", span(max_age), ")")));
        }
    }
    if let Some(issuers) = &options.issuer {
        let iss = claims.iss.as_ref().and_then(Located::string).ok_or_else(|| missing("iss", ", and an issuer is required"))?;
        if !issuers.iter().any(|i| *i == iss) {
            return Err(claim_error(ErrorCode::Issuer, "iss", message!("the issuer \"", quoted(&iss), "\" is not one of the accepted issuers")));
        }
    }
    if let Some(subject) = &options.subject {
        let sub = claims.sub.as_ref().and_then(Located::string).ok_or_else(|| missing("sub", ", and a subject is required"))?;
        if *subject != sub {
            return Err(claim_error(ErrorCode::Subject, "sub", message!("the subject \"", quoted(&sub), "\" is not the expected one")));
        }
    }
    check_audience(claims.aud.as_ref(), options.audience.as_deref())
}

/// Checks `aud`, a string or an array of strings ([`Registered`] keeps no other).
fn check_audience(aud: Option<&Located<'_>>, accepted: Option<&[String]>) -> Result<(), Error> {
    let Some(aud) = aud else {
        return match accepted {
            Some(_) => Err(missing("aud", ", and an audience is required")),
            None => Ok(()),
        };
    };
    let Some(accepted) = accepted else {
        return Err(claim_error(
            ErrorCode::Audience,
            "aud",
            "the token is meant for a named audience (\"aud\"), but no audience was configured to accept: \
             set the audience option to this service's identifier (RFC 7519 section 4.1.3)"
                .into(),
        ));
    };
    let accepts = |aud: &str| accepted.iter().any(|a| a == aud);
    let matched = match aud.strings() {
        Some(mut items) => items.any(|aud| accepts(&aud)),
        None => aud.string().is_some_and(|aud| accepts(&aud)),
    };
    if matched {
        return Ok(());
    }
    Err(claim_error(ErrorCode::Audience, "aud", "the token's audience does not include any accepted audience".into()))
}

/// A duration in words, for messages: "3 hours", "45 seconds".
fn span(seconds: f64) -> String {
    let s = seconds.max(0.0);
    let (n, unit) = match s {
        s if s < 120.0 => (s, "second"),
        s if s < 7200.0 => (s / 60.0, "minute"),
        s if s < 172_800.0 => (s / 3600.0, "hour"),
        s => (s / 86_400.0, "day"),
    };
    let n = n as u64;
    message!(n, " ", unit, if n == 1 { "" } else { "s" })
}

/// Seconds rounded down to a whole number (`f64::floor` is not in `core`).
pub(crate) fn whole_seconds(t: f64) -> i64 {
    let whole = t as i64; // saturates
    if (whole as f64) > t { whole - 1 } else { whole }
}

/// The time to validate against: the caller's `now`, else the system clock where there is one.
pub(crate) fn now_or_clock(now: Option<f64>) -> Result<f64, Error> {
    match now {
        Some(now) if now.is_finite() => Ok(now),
        Some(_) => Err(Error::new(ErrorCode::InvalidOption, "\"now\" must be a finite number of seconds since 1970")),
        None => system_clock(),
    }
}

#[cfg(all(feature = "std", not(all(target_arch = "wasm32", target_os = "unknown"))))]
fn system_clock() -> Result<f64, Error> {
    extern crate std;
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map(|d| d.as_secs_f64()).map_err(|_| Error::new(ErrorCode::InvalidOption, "the system clock is before 1970"))
}

#[cfg(not(all(feature = "std", not(all(target_arch = "wasm32", target_os = "unknown")))))]
fn system_clock() -> Result<f64, Error> {
    Err(Error::new(ErrorCode::InvalidOption, "this build has no clock: set the \"now\" option"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validated(json: &str, options: &VerifyOptions, now: f64) -> Result<(), Error> {
        Registered::read(crate::json::locate_members(json, REGISTERED).unwrap()).and_then(|claims| validate(&claims, options, now))
    }

    fn check(json: &str, options: &VerifyOptions) -> Result<(), ErrorCode> {
        validated(json, options, 1000.0).map_err(|e| e.code())
    }

    #[test]
    fn time_claims() {
        let o = VerifyOptions::default();
        assert_eq!(check(r#"{"exp":1000}"#, &o), Err(ErrorCode::Expired));
        assert_eq!(check(r#"{"exp":1000.5}"#, &o), Ok(()));
        assert_eq!(check(r#"{"nbf":1000}"#, &o), Ok(()));
        assert_eq!(check(r#"{"nbf":1001}"#, &o), Err(ErrorCode::NotYetValid));
        let lenient = VerifyOptions { leeway: 5.0, ..VerifyOptions::default() };
        assert_eq!(check(r#"{"exp":996}"#, &lenient), Ok(()));
        assert_eq!(check(r#"{"exp":995}"#, &lenient), Err(ErrorCode::Expired));
        assert_eq!(check(r#"{"nbf":1005}"#, &lenient), Ok(()));
        assert_eq!(check(r#"{"exp":"2000"}"#, &o), Err(ErrorCode::MalformedClaim));
        assert_eq!(validated(r#"{"nbf":null}"#, &o, 0.0).unwrap_err().claim(), Some("nbf"));
    }

    #[test]
    fn max_age_and_required() {
        let o = VerifyOptions { max_age: Some(60.0), ..VerifyOptions::default() };
        assert_eq!(check(r#"{}"#, &o), Err(ErrorCode::MissingClaim));
        assert_eq!(check(r#"{"iat":940}"#, &o), Ok(()));
        assert_eq!(check(r#"{"iat":939}"#, &o), Err(ErrorCode::TooOld));
        assert_eq!(check(r#"{"iat":1000}"#, &o), Ok(()));
        let lenient = VerifyOptions { leeway: 5.0, ..o.clone() };
        assert_eq!(check(r#"{"iat":1005}"#, &lenient), Ok(()));
        assert_eq!(check(r#"{"iat":1006}"#, &lenient), Err(ErrorCode::NotYetValid));
        let o = VerifyOptions { required: alloc::vec!["jti".into()], ..VerifyOptions::default() };
        assert_eq!(check(r#"{"sub":"x"}"#, &o), Err(ErrorCode::MissingClaim));
    }

    #[test]
    fn max_age_refuses_a_future_iat() {
        let o = VerifyOptions { max_age: Some(60.0), ..VerifyOptions::default() };
        let e = validated(r#"{"iat":1180}"#, &o, 1000.0).unwrap_err();
        assert_eq!((e.code(), e.claim()), (ErrorCode::NotYetValid, Some("iat")));
        assert_eq!(e.message(), "the token's \"iat\" is 3 minutes in the future, so maxAge cannot accept it");
        // A far-future iat, which once passed any maxAge.
        assert_eq!(check(r#"{"iat":9e15}"#, &o), Err(ErrorCode::NotYetValid));
        // Without maxAge, iat is not checked against the clock.
        assert_eq!(check(r#"{"iat":9e15}"#, &VerifyOptions::default()), Ok(()));
    }

    #[test]
    fn issuer_subject_audience() {
        let o = VerifyOptions { issuer: Some(alloc::vec!["a".into(), "b".into()]), ..VerifyOptions::default() };
        assert_eq!(check(r#"{"iss":"b"}"#, &o), Ok(()));
        assert_eq!(check(r#"{"iss":"c"}"#, &o), Err(ErrorCode::Issuer));
        assert_eq!(check(r#"{}"#, &o), Err(ErrorCode::MissingClaim));
        assert_eq!(check(r#"{"iss":1}"#, &VerifyOptions::default()), Err(ErrorCode::MalformedClaim));
        let o = VerifyOptions { subject: Some("s".into()), ..VerifyOptions::default() };
        assert_eq!(check(r#"{"sub":"t"}"#, &o), Err(ErrorCode::Subject));
        let o = VerifyOptions { audience: Some(alloc::vec!["api".into()]), ..VerifyOptions::default() };
        assert_eq!(check(r#"{"aud":["web","api"]}"#, &o), Ok(()));
        assert_eq!(check(r#"{"aud":"web"}"#, &o), Err(ErrorCode::Audience));
        assert_eq!(check(r#"{"aud":["api",1]}"#, &o), Err(ErrorCode::MalformedClaim));
        assert_eq!(check(r#"{}"#, &o), Err(ErrorCode::MissingClaim));
        let e = validated(r#"{"aud":"api"}"#, &VerifyOptions::default(), 0.0).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Audience);
        assert!(e.message().contains("audience option"));
    }

    #[test]
    fn claims_are_read_in_place_escaped_or_not() {
        let o = VerifyOptions { issuer: Some(alloc::vec!["me".into()]), subject: Some("s\"1".into()), audience: Some(alloc::vec!["api/v1".into()]), ..VerifyOptions::default() };
        assert_eq!(check(r#"{"iss":"m\u0065","sub":"s\"1","aud":["web", "api\/v1" ]}"#, &o), Ok(()));
        assert_eq!(check(r#"{"iss":"me","sub":"s\"1","aud":"api\u002fv1"}"#, &o), Ok(()));
        assert_eq!(check(r#"{"iss":"me","sub":"s\"1","aud":["web"]}"#, &o), Err(ErrorCode::Audience));
        assert_eq!(check(r#"{"iss":"me","sub":"s\"1","aud":[]}"#, &o), Err(ErrorCode::Audience));
        // Required names are found escaped too, and among the members no claim check reads.
        let o = VerifyOptions { required: alloc::vec!["jti".into(), "x".into()], ..VerifyOptions::default() };
        assert_eq!(check(r#"{"j\u0074i":"1","x":{"jti":2}}"#, &o), Ok(()));
        assert_eq!(check(r#"{"jti":"1","y":{"x":2}}"#, &o), Err(ErrorCode::MissingClaim));
    }

    #[test]
    fn wrong_types_are_named() {
        let o = VerifyOptions::default();
        for (json, claim, found) in [
            (r#"{"exp":true}"#, "exp", "a boolean"),
            (r#"{"iat":{}}"#, "iat", "an object"),
            (r#"{"nbf":"1"}"#, "nbf", "a string"),
            (r#"{"iss":null}"#, "iss", "null"),
            (r#"{"jti":7}"#, "jti", "a number"),
            (r#"{"aud":["a",["b"]]}"#, "aud", "an array"),
            (r#"{"aud":["a",null]}"#, "aud", "an array"),
            (r#"{"sub":["a"]}"#, "sub", "an array"),
        ] {
            let e = validated(json, &o, 0.0).unwrap_err();
            assert_eq!((e.code(), e.claim()), (ErrorCode::MalformedClaim, Some(claim)), "{json}");
            assert!(e.message().ends_with(&alloc::format!(", not {found}")), "{json}: {e}");
        }
    }

    #[test]
    fn positions_name_their_claims() {
        let named = [(EXP, "exp"), (NBF, "nbf"), (IAT, "iat"), (ISS, "iss"), (SUB, "sub"), (JTI, "jti"), (AUD, "aud")];
        assert!(named.iter().all(|&(at, name)| REGISTERED[at] == name) && named.len() == REGISTERED.len());
        assert_eq!([EXP, NBF, IAT], [0, 1, 2], "Registered::read keeps the times by these positions");
    }

    #[test]
    fn whole_seconds_rounds_down() {
        assert_eq!((whole_seconds(1.9), whole_seconds(-1.5), whole_seconds(2.0), whole_seconds(1e300)), (1, -2, 2, i64::MAX));
    }

    #[test]
    fn spans_read_well() {
        assert_eq!(span(1.0), "1 second");
        assert_eq!(span(10_800.0), "3 hours");
        assert_eq!(span(1800.0), "30 minutes");
    }
}
