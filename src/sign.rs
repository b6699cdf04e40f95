//! `sign`: builds the header, adds `iat`/`exp`/`nbf`, and signs.
//! The payload keeps the caller's member order; added claims go first.

use alloc::string::String;
use core::cell::RefCell;

use crate::algorithms::{self, Algorithm};
use crate::base64url;
use crate::claims;
use crate::error::{Error, ErrorCode, Part};
use crate::json::{self, Map, Value};
use crate::keys::{Key, Operation};

/// How `sign` sets `iat`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IssuedAt {
    /// The current time, unless the payload has an `iat` (the default).
    #[default]
    Now,
    /// No `iat` is added.
    Omit,
    /// This time, in seconds since 1970.
    At(i64),
}

/// How `sign` builds a token. [`SignOptions::from_json`] reads them with the npm
/// package's names (`expiresIn`, `issuedAt`...).
#[derive(Clone, Debug, Default)]
pub struct SignOptions {
    /// The algorithm; defaults to the key's `alg`, else HS256 for a secret.
    pub alg: Option<Algorithm>,
    /// Extra header members (`kid`, `typ`, `cty`...) as the JSON text of an object, such
    /// as `{"cty":"JWT"}`; checked when signing. `typ` defaults to `"JWT"`, `kid` to the key's.
    pub header: Option<String>,
    /// Sets `exp` this many seconds after `iat` (or now).
    pub expires_in: Option<i64>,
    /// Sets `nbf` this many seconds after `iat` (or now).
    pub not_before: Option<i64>,
    /// Whether and how to set `iat`.
    pub issued_at: IssuedAt,
    /// The current time in seconds since 1970; defaults to the system clock.
    pub now: Option<f64>,
}

/// Builder methods: `SignOptions::new().alg(Algorithm::ES256).kid("2024-01").expires_in(1800)`.
/// The fields stay public; the two ways mix.
impl SignOptions {
    /// The defaults: the key's algorithm, header `{"alg", "typ": "JWT", "kid"}`, `iat` now.
    pub fn new() -> Self {
        Self::default()
    }

    /// Signs with this algorithm instead of the key's default.
    pub fn alg(mut self, alg: Algorithm) -> Self {
        self.alg = Some(alg);
        self
    }

    /// Adds (or replaces) a header member with a string value, such as `cty` or `x5t`.
    /// Other JSON values go into [`Self::header`] as text.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.header = json::with_member(self.header.take(), name.into(), Value::String(value.into()));
        self
    }

    /// Sets the header `kid` (the key's own `kid` otherwise).
    pub fn kid(self, kid: impl Into<String>) -> Self {
        self.header("kid", kid.into())
    }

    /// Sets the header `typ` (`"JWT"` otherwise), e.g. `"at+jwt"`.
    pub fn typ(self, typ: impl Into<String>) -> Self {
        self.header("typ", typ.into())
    }

    /// Sets `exp` this many seconds after `iat`.
    pub fn expires_in(mut self, seconds: i64) -> Self {
        self.expires_in = Some(seconds);
        self
    }

    /// Sets `nbf` this many seconds after `iat`.
    pub fn not_before(mut self, seconds: i64) -> Self {
        self.not_before = Some(seconds);
        self
    }

    /// Sets how `iat` is set ([`IssuedAt::Now`] by default).
    pub fn issued_at(mut self, issued_at: IssuedAt) -> Self {
        self.issued_at = issued_at;
        self
    }

    /// Uses this time (seconds since 1970) as now instead of the system clock.
    pub fn now(mut self, seconds_since_1970: impl Into<f64>) -> Self {
        self.now = Some(seconds_since_1970.into());
        self
    }
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidOption, message)
}

/// Signs any serializable payload that serializes to a JSON object (feature `serde`;
/// [`sign_json`] takes the JSON text).
///
/// ```
/// use wasm_jwt::{decode, sign, Key, SignOptions};
/// let key = Key::hmac(b"a secret of at least 32 bytes for HS256!")?;
/// let token = sign(&serde_json::json!({"sub": "ada"}), &key, &SignOptions { now: Some(1_700_000_000.0), expires_in: Some(1800), ..Default::default() })?;
/// let payload = decode(&token)?.payload().clone();
/// assert_eq!((payload["iat"].as_i64(), payload["exp"].as_i64()), (Some(1_700_000_000), Some(1_700_001_800)));
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
#[cfg(feature = "serde")]
pub fn sign<T: serde::Serialize + ?Sized>(payload: &T, key: &Key, options: &SignOptions) -> Result<String, Error> {
    let json = serde_json::to_string(payload).map_err(|e| Error::new(ErrorCode::Malformed, alloc::format!("the payload could not be serialized: {e}")).in_part(Part::Payload))?;
    sign_json(&json, key, options)
}

/// Signs a payload given as JSON object text, keeping its member order.
pub fn sign_json(payload: &str, key: &Key, options: &SignOptions) -> Result<String, Error> {
    sign_json_with_clock(payload, key, options, None, &HeaderMemo::default())
}

/// [`sign_json`] with `clock` as the time when `options.now` is unset (the wasm layer
/// passes `Date.now()`, so that one options object serves every call), and the header
/// taken from `headers` when it was built for this algorithm and `kid` before.
pub(crate) fn sign_json_with_clock(payload: &str, key: &Key, options: &SignOptions, clock: Option<f64>, headers: &HeaderMemo) -> Result<String, Error> {
    let (alg, mut token) = signing_input(payload, key, options, clock, headers)?;
    let signature = algorithms::sign(key, alg, token.as_bytes())?;
    token.push('.');
    base64url::encode_into(&signature, &mut token);
    Ok(token)
}

/// Everything of signing but the signature: the algorithm, checked against the key, and
/// the signing input (base64url header, `.`, base64url payload with the added claims).
pub(crate) fn signing_input(payload: &str, key: &Key, options: &SignOptions, clock: Option<f64>, headers: &HeaderMemo) -> Result<(Algorithm, String), Error> {
    let alg = options.alg.or_else(|| key.default_alg()).ok_or_else(|| key.never_signs())?;
    key.permits(alg, Operation::Sign)?;
    let claims = json::locate_members(payload, claims::REGISTERED)
        .map_err(|e| Error::new(ErrorCode::Malformed, message!("the payload ", e.message)).in_part(Part::Payload))?;
    let claims = claims::Registered::read(claims)?;
    let added = added_claims(&claims, options, clock)?;
    // The added members go first, each followed by a comma: then the payload's own, or the end.
    let (head, tail) = match payload.trim_start().strip_prefix('{').map(str::trim_start) {
        Some(inner) if !added.is_empty() => (&added.as_bytes()[..added.len() - usize::from(inner.starts_with('}'))], inner),
        _ => (&[][..], payload),
    };
    let mut token = String::new();
    // Room for the payload and for an HMAC, ES256 or EdDSA signature.
    let room = 2 + base64url::encoded_len(head.len() + tail.len()) + 86;
    headers.push_encoded(alg, key, options, room, &mut token)?;
    token.push('.');
    base64url::encode_joined_into(head, tail.as_bytes(), &mut token);
    Ok((alg, token))
}

/// The base64url header of the last token signed with one [`SignOptions`], and the
/// algorithm and key `kid` it was built for (all it depends on besides the options): the
/// wasm layer keeps one with each options object, so that signing many tokens with one
/// options object builds the header once.
#[derive(Debug, Default)]
pub(crate) struct HeaderMemo(RefCell<Option<EncodedHeader>>);

#[derive(Debug)]
struct EncodedHeader {
    alg: Algorithm,
    kid: Option<String>,
    text: String,
}

impl HeaderMemo {
    /// Appends the base64url header for `alg` and `key` to `out`, built unless kept, with
    /// room for `room` more bytes.
    fn push_encoded(&self, alg: Algorithm, key: &Key, options: &SignOptions, room: usize, out: &mut String) -> Result<(), Error> {
        let mut kept = self.0.borrow_mut();
        let header = match &mut *kept {
            Some(header) if header.alg == alg && header.kid.as_deref() == key.kid() => header,
            slot => {
                let mut text = String::new();
                base64url::encode_into(header_json(alg, key, options.header.as_deref())?.as_bytes(), &mut text);
                slot.insert(EncodedHeader { alg, kid: key.kid().map(String::from), text })
            }
        };
        out.reserve(header.text.len() + room);
        out.push_str(&header.text);
        Ok(())
    }
}

/// The claims `sign` adds (`iat`, `exp`, `nbf`) as the start of a JSON object, each
/// member followed by a comma (`{"iat":1700000000,"exp":1700001800,`); empty if none.
fn added_claims(claims: &claims::Registered<'_>, options: &SignOptions, clock: Option<f64>) -> Result<String, Error> {
    let conflict = |claim: &str, option: &str| invalid(message!("the payload already has \"", claim, "\"; drop it or the ", option, " option"));
    let now = || claims::now_or_clock(options.now.or(clock)).map(claims::whole_seconds);
    let iat = match options.issued_at {
        IssuedAt::At(_) if claims.iat.is_some() => return Err(conflict("iat", "issuedAt")),
        IssuedAt::At(t) => Some(t),
        IssuedAt::Now if claims.iat.is_none() => Some(now()?),
        IssuedAt::Now | IssuedAt::Omit => None,
    };
    // Three members of at most 27 bytes each ("nbf": and a 20-character i64, a comma).
    let mut out = String::with_capacity(82);
    out.push('{');
    if let Some(t) = iat {
        push_member(&mut out, "iat", t);
    }
    // exp and nbf count from the token's iat, as jsonwebtoken does.
    let base = || match iat.or_else(|| claims.iat.map(claims::whole_seconds)) {
        Some(t) => Ok(t),
        None => now(),
    };
    for (claim, option, offset, present) in [("exp", "expiresIn", options.expires_in, claims.exp), ("nbf", "notBefore", options.not_before, claims.nbf)] {
        let Some(offset) = offset else { continue };
        if present.is_some() {
            return Err(conflict(claim, option));
        }
        let at = base()?.checked_add(offset).ok_or_else(|| invalid(message!("\"", option, "\" is out of range")))?;
        push_member(&mut out, claim, at);
    }
    if out.len() == 1 {
        out.clear();
    }
    Ok(out)
}

/// `"name":value,`
fn push_member(out: &mut String, name: &str, value: i64) {
    out.push('"');
    out.push_str(name);
    out.push_str("\":");
    json::push_integer(out, value);
    out.push(',');
}

fn header_json(alg: Algorithm, key: &Key, extra: Option<&str>) -> Result<String, Error> {
    let extra = extra.map(|text| json::parse_object(text.as_bytes()).map_err(|e| invalid(message!("the header option ", e.message)))).transpose()?;
    let mut header = Map::new();
    header.insert("alg".into(), alg.name().into());
    header.insert("typ".into(), "JWT".into());
    if let Some(kid) = key.kid() {
        header.insert("kid".into(), kid.into());
    }
    for (name, value) in extra.iter().flat_map(Map::iter) {
        match name.as_str() {
            "alg" if value.as_str() != Some(alg.name()) => return Err(invalid(message!("header.alg must match the signing algorithm ", alg, "; set the alg option instead"))),
            "crit" | "b64" => return Err(invalid(message!("header.", name, " is not supported: no critical extensions are implemented"))),
            "typ" | "kid" | "cty" if value.as_str().is_none() => return Err(invalid(message!("header.", name, " must be a string"))),
            _ => {}
        }
        header.insert(name.clone(), value.clone());
    }
    header.sort_by_name();
    Ok(header.to_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key::hmac(&[7; 64]).unwrap()
    }

    fn opts(now: f64) -> SignOptions {
        SignOptions { now: Some(now), ..SignOptions::default() }
    }

    fn payload_of(token: &str) -> String {
        crate::decode(token).unwrap().payload_json().into()
    }

    #[test]
    fn adds_iat_exp_nbf_first_and_keeps_order() {
        let o = SignOptions { expires_in: Some(1800), not_before: Some(-5), ..opts(1000.9) };
        let token = sign_json(r#"{"z":1,"a":2}"#, &key(), &o).unwrap();
        assert_eq!(payload_of(&token), r#"{"iat":1000,"exp":2800,"nbf":995,"z":1,"a":2}"#);
        assert_eq!(payload_of(&sign_json("{}", &key(), &opts(5.0)).unwrap()), r#"{"iat":5}"#);
        let omit = SignOptions { issued_at: IssuedAt::Omit, ..opts(5.0) };
        assert_eq!(payload_of(&sign_json(" { } ", &key(), &omit).unwrap()), " { } ");
    }

    #[test]
    fn payload_iat_is_kept_and_conflicts_are_refused() {
        let o = SignOptions { expires_in: Some(10), ..opts(1000.0) };
        assert_eq!(payload_of(&sign_json(r#"{"iat":50}"#, &key(), &o).unwrap()), r#"{"exp":60,"iat":50}"#);
        let o = SignOptions { expires_in: Some(10), ..opts(1.0) };
        assert_eq!(sign_json(r#"{"exp":5}"#, &key(), &o).unwrap_err().code(), ErrorCode::InvalidOption);
        let o = SignOptions { issued_at: IssuedAt::At(3), ..opts(1.0) };
        assert_eq!(sign_json(r#"{"iat":5}"#, &key(), &o).unwrap_err().code(), ErrorCode::InvalidOption);
    }

    #[test]
    fn refuses_non_objects_and_bad_claims() {
        for bad in ["[]", "1", "\"x\"", "{\"a\":1,\"a\":1}", "{"] {
            assert_eq!(sign_json(bad, &key(), &opts(1.0)).unwrap_err().code(), ErrorCode::Malformed, "{bad}");
        }
        assert_eq!(sign_json(r#"{"exp":"soon"}"#, &key(), &opts(1.0)).unwrap_err().code(), ErrorCode::MalformedClaim);
    }

    #[test]
    fn header_defaults_and_overrides() {
        let k = Key::from_jwk(r#"{"kty":"oct","kid":"k9","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#).unwrap();
        let token = sign_json("{}", &k, &opts(1.0)).unwrap();
        assert_eq!(crate::decode(&token).unwrap().header_json(), r#"{"alg":"HS256","kid":"k9","typ":"JWT"}"#);
        let o = SignOptions { header: Some(r#"{"typ":"at+jwt","cty":"x"}"#.into()), ..opts(1.0) };
        assert_eq!(crate::decode(&sign_json("{}", &k, &o).unwrap()).unwrap().header_json(), r#"{"alg":"HS256","cty":"x","kid":"k9","typ":"at+jwt"}"#);
        for bad in [r#"{"alg":"HS512"}"#, r#"{"crit":["x"]}"#, r#"{"kid":1}"#, r#"{"kid":"a","kid":"b"}"#, "[]"] {
            let o = SignOptions { header: Some(bad.into()), ..opts(1.0) };
            assert_eq!(sign_json("{}", &k, &o).unwrap_err().code(), ErrorCode::InvalidOption, "{bad}");
        }
    }

    #[test]
    fn a_kept_header_serves_only_its_algorithm_and_kid() {
        let headers = HeaderMemo::default();
        let o = SignOptions { header: Some(r#"{"cty":"x"}"#.into()), ..opts(1.0) };
        let sign_with = |key: &Key, alg: Algorithm| -> String {
            let o = SignOptions { alg: Some(alg), ..o.clone() };
            crate::decode(&sign_json_with_clock("{}", key, &o, None, &headers).unwrap()).unwrap().header_json().into()
        };
        let jwk = |kid: &str| Key::from_jwk(&["{\"kty\":\"oct\",", kid, "\"k\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"].concat()).unwrap();
        let (k1, k2, none) = (jwk("\"kid\":\"k1\","), jwk("\"kid\":\"k2\","), jwk(""));
        for _ in 0..2 {
            assert_eq!(sign_with(&k1, Algorithm::HS256), r#"{"alg":"HS256","cty":"x","kid":"k1","typ":"JWT"}"#);
            assert_eq!(sign_with(&k1, Algorithm::HS256), r#"{"alg":"HS256","cty":"x","kid":"k1","typ":"JWT"}"#);
            assert_eq!(sign_with(&k2, Algorithm::HS256), r#"{"alg":"HS256","cty":"x","kid":"k2","typ":"JWT"}"#);
            assert_eq!(sign_with(&none, Algorithm::HS256), r#"{"alg":"HS256","cty":"x","typ":"JWT"}"#);
            assert_eq!(sign_with(&none, Algorithm::HS512), r#"{"alg":"HS512","cty":"x","typ":"JWT"}"#);
        }
    }

    #[test]
    fn the_builder_sets_header_members_and_times() {
        let o = SignOptions::new().alg(Algorithm::HS512).kid("k1").typ("at+jwt").header("cty", "x").expires_in(60).not_before(-5).issued_at(IssuedAt::At(10)).now(99);
        let token = sign_json(r#"{"a":1}"#, &key(), &o).unwrap();
        let decoded = crate::decode(&token).unwrap();
        assert_eq!(decoded.header_json(), r#"{"alg":"HS512","cty":"x","kid":"k1","typ":"at+jwt"}"#);
        assert_eq!(decoded.payload_json(), r#"{"iat":10,"exp":70,"nbf":5,"a":1}"#);
        assert_eq!(o.now, Some(99.0));
    }

    #[test]
    fn weak_and_mismatched_keys() {
        let short = Key::hmac(b"too short").unwrap();
        assert_eq!(sign_json("{}", &short, &opts(1.0)).unwrap_err().code(), ErrorCode::WeakKey);
        let o = SignOptions { alg: Some(Algorithm::HS512), ..opts(1.0) };
        assert_eq!(sign_json("{}", &Key::hmac(&[1; 32]).unwrap(), &o).unwrap_err().code(), ErrorCode::WeakKey);
    }
}
