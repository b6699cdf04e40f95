//! `verify`: structure, header, key selection, signature, then claims, each a
//! separate step so that the signature check can later be handed elsewhere.

use alloc::string::String;
use alloc::vec::Vec;

use crate::algorithms::{self, Algorithm};
use crate::error::{Error, ErrorCode, Part};
use crate::header::{same_typ, Header};
use crate::keys::{Key, KeySet, Operation};
#[cfg(feature = "serde")]
use crate::token::checked_object;
use crate::token::{Segments, DEFAULT_MAX_TOKEN_LENGTH};
use crate::claims;

/// What `verify` checks beyond the signature. [`VerifyOptions::from_json`] reads
/// them with the npm package's names (`maxAge`, `maxTokenLength`...).
#[derive(Clone, Debug)]
pub struct VerifyOptions {
    /// The algorithms to accept; when `None`, any the key suits.
    pub algorithms: Option<Vec<Algorithm>>,
    /// Accepted `iss` values; when set, `iss` is required.
    pub issuer: Option<Vec<String>>,
    /// Accepted `aud` values; when set, `aud` is required. When unset, a token with `aud` is refused.
    pub audience: Option<Vec<String>>,
    /// The required `sub`.
    pub subject: Option<String>,
    /// The required header `typ` (compared case-insensitively, `application/` optional).
    pub typ: Option<String>,
    /// Seconds of clock skew tolerated for `exp`, `nbf` and `maxAge`.
    pub leeway: f64,
    /// The time to check against, in seconds since 1970; defaults to the system clock.
    pub now: Option<f64>,
    /// The most seconds since `iat` a token may have; requires `iat`.
    pub max_age: Option<f64>,
    /// Claims that must be present.
    pub required: Vec<String>,
    /// The longest token accepted, in bytes ([`DEFAULT_MAX_TOKEN_LENGTH`] when `None`).
    pub max_token_length: Option<usize>,
    /// How many keys of a [`KeySet`] a token without `kid` may be tried against, from 1
    /// (the default) to 16 (`maxKeysTried`). When more keys suit the token, it is refused
    /// (`key_not_found`) rather than checked against each.
    pub max_keys_tried: usize,
}

/// The most keys [`VerifyOptions::max_keys_tried`] may allow: each key tried is a signature check.
pub(crate) const MAX_KEYS_TRIED: usize = 16;

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            algorithms: None,
            issuer: None,
            audience: None,
            subject: None,
            typ: None,
            leeway: 0.0,
            now: None,
            max_age: None,
            required: Vec::new(),
            max_token_length: None,
            max_keys_tried: 1,
        }
    }
}

/// Builder methods, so that the call site reads as the policy it sets:
/// `VerifyOptions::new().algorithms([Algorithm::HS256]).issuer("https://issuer.example/").audience("api").leeway(30)`.
/// The fields stay public; the two ways mix.
impl VerifyOptions {
    /// The defaults: any algorithm the key suits, no issuer, audience or subject
    /// expected, no leeway, the system clock.
    pub fn new() -> Self {
        Self::default()
    }

    /// Accepts only these algorithms.
    pub fn algorithms(mut self, algorithms: impl IntoIterator<Item = Algorithm>) -> Self {
        self.algorithms = Some(algorithms.into_iter().collect());
        self
    }

    /// Accepts `iss` equal to `issuer` (and requires `iss`); call again to accept another.
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuer.get_or_insert_with(Vec::new).push(issuer.into());
        self
    }

    /// Accepts an `aud` holding `audience` (and requires `aud`); call again to accept another.
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience.get_or_insert_with(Vec::new).push(audience.into());
        self
    }

    /// Requires `sub` to equal `subject`.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Requires the header `typ` to be `typ` (case-insensitive, `application/` optional).
    pub fn typ(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Tolerates this many seconds of clock skew for `exp`, `nbf` and `max_age`.
    pub fn leeway(mut self, seconds: impl Into<f64>) -> Self {
        self.leeway = seconds.into();
        self
    }

    /// Checks the time claims against this time (seconds since 1970) instead of the system clock.
    pub fn now(mut self, seconds_since_1970: impl Into<f64>) -> Self {
        self.now = Some(seconds_since_1970.into());
        self
    }

    /// Requires `iat`, at most this many seconds ago.
    pub fn max_age(mut self, seconds: impl Into<f64>) -> Self {
        self.max_age = Some(seconds.into());
        self
    }

    /// Requires the claim `name` to be present; call again for another.
    pub fn require(mut self, name: impl Into<String>) -> Self {
        self.required.push(name.into());
        self
    }

    /// Refuses tokens longer than `bytes` before decoding them.
    pub fn max_token_length(mut self, bytes: usize) -> Self {
        self.max_token_length = Some(bytes);
        self
    }

    /// Lets a token without `kid` be tried against up to `keys` suitable keys of a [`KeySet`] (1 to 16).
    pub fn max_keys_tried(mut self, keys: usize) -> Self {
        self.max_keys_tried = keys;
        self
    }
}

impl VerifyOptions {
    fn check(&self) -> Result<(), Error> {
        let invalid = |m: &str| Err(Error::new(ErrorCode::InvalidOption, m));
        if !(self.leeway.is_finite() && self.leeway >= 0.0) {
            return invalid("\"leeway\" must be a non-negative number of seconds");
        }
        if self.max_age.is_some_and(|m| !(m.is_finite() && m >= 0.0)) {
            return invalid("\"maxAge\" must be a non-negative number of seconds");
        }
        if !(1..=MAX_KEYS_TRIED).contains(&self.max_keys_tried) {
            return Err(Error::new(ErrorCode::InvalidOption, message!("the option \"maxKeysTried\" must be a whole number from 1 to ", MAX_KEYS_TRIED)));
        }
        if self.algorithms.as_ref().is_some_and(Vec::is_empty) {
            return invalid("\"algorithms\" is empty, so no token could ever verify");
        }
        Ok(())
    }
}

/// The keys `verify` may use: one key, or a set to select from by `kid`.
#[derive(Clone, Copy, Debug)]
pub enum Keys<'a> {
    /// Exactly this key.
    One(&'a Key),
    /// A key from this set, chosen by the token's `kid`.
    Set(&'a KeySet),
}

impl<'a> From<&'a Key> for Keys<'a> {
    fn from(key: &'a Key) -> Self {
        Keys::One(key)
    }
}

impl<'a> From<&'a KeySet> for Keys<'a> {
    fn from(set: &'a KeySet) -> Self {
        Keys::Set(set)
    }
}

/// A checked token's protected header: the members verification read, and its JSON text.
#[derive(Clone, Debug)]
struct Protected {
    header: Header,
    json: String,
}

/// The header accessors every verified result shares (its `protected` field).
macro_rules! protected_header_accessors {
    () => {
        /// The algorithm that signed the token.
        pub fn alg(&self) -> Algorithm {
            self.protected.header.alg
        }
        /// The header's `kid`: the key the token named.
        pub fn kid(&self) -> Option<&str> {
            self.protected.header.kid.as_deref()
        }
        /// The header's `typ`.
        pub fn typ(&self) -> Option<&str> {
            self.protected.header.typ.as_deref()
        }
        /// The protected header, parsed from [`Self::header_json`] (feature `serde`).
        #[cfg(feature = "serde")]
        pub fn header(&self) -> serde_json::Map<String, serde_json::Value> {
            checked_object(&self.protected.json)
        }
        /// The header's JSON text as signed.
        pub fn header_json(&self) -> &str {
            &self.protected.json
        }
    };
}

/// A token whose signature and claims have been checked.
#[derive(Clone, Debug)]
pub struct Verified {
    protected: Protected,
    payload_json: String,
}

impl Verified {
    protected_header_accessors!();
    /// The verified claims, parsed from [`Self::payload_json`] (feature `serde`).
    #[cfg(feature = "serde")]
    pub fn claims(&self) -> serde_json::Map<String, serde_json::Value> {
        checked_object(&self.payload_json)
    }
    /// The verified claims as your own type (any `serde::Deserialize` type). The
    /// registered claims were checked before, so a `T` with an `exp` field only ever
    /// sees a valid one. Claims that do not fit `T` are [`ErrorCode::MalformedClaim`].
    #[cfg(feature = "serde")]
    pub fn claims_as<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        claims::deserialize(&self.payload_json)
    }
    /// The payload's JSON text as signed.
    pub fn payload_json(&self) -> &str {
        &self.payload_json
    }
}

/// A compact JWS whose header and signature have been checked; its payload may be any bytes.
#[derive(Clone, Debug)]
pub struct VerifiedJws {
    protected: Protected,
    payload: Vec<u8>,
}

impl VerifiedJws {
    protected_header_accessors!();
    /// The signed payload bytes.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }
}

/// Verifies a compact JWS (RFC 7515) whose payload need not be JSON: its structure,
/// header, key choice and signature. Of the options, `algorithms`, `typ` and
/// `maxTokenLength` apply; the claim options are for [`verify`], which calls this first.
pub fn verify_jws<'a>(token: &str, keys: impl Into<Keys<'a>>, options: &VerifyOptions) -> Result<VerifiedJws, Error> {
    options.check()?;
    let segments = Segments::split(token, options.max_token_length.unwrap_or(DEFAULT_MAX_TOKEN_LENGTH))?;
    verify_segments(&segments, keys.into(), options)
}

fn verify_segments(segments: &Segments<'_>, keys: Keys<'_>, options: &VerifyOptions) -> Result<VerifiedJws, Error> {
    let protected = read_header(segments, options)?;
    let header = &protected.header;
    let from_set;
    let candidates: &[&Key] = match &keys {
        Keys::One(key) => {
            key.permits(header.alg, Operation::Verify)?;
            core::slice::from_ref(key)
        }
        Keys::Set(set) => {
            from_set = set.candidates(header.kid.as_deref(), header.alg, Operation::Verify, options.max_keys_tried)?;
            &from_set
        }
    };
    let payload = segments.bytes(Part::Payload)?;
    let signature = segments.bytes(Part::Signature)?;
    check_signature(candidates, header.alg, segments.signing_input(), &signature)?;
    Ok(VerifiedJws { protected, payload })
}

/// Verifies a JWT: the JWS as [`verify_jws`] does, then a JSON-object payload and its claims.
///
/// ```
/// use wasm_jwt::{sign, verify, Key, SignOptions, VerifyOptions};
/// let key = Key::hmac(b"a secret of at least 32 bytes for HS256!")?;
/// let now = Some(1_700_000_000.0);
/// let token = sign(&serde_json::json!({"sub": "ada"}), &key, &SignOptions { expires_in: Some(1800), now, ..Default::default() })?;
/// let verified = verify(&token, &key, &VerifyOptions { algorithms: Some(vec![wasm_jwt::Algorithm::HS256]), now, ..Default::default() })?;
/// assert_eq!(verified.claims()["sub"], "ada");
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
pub fn verify<'a>(token: &str, keys: impl Into<Keys<'a>>, options: &VerifyOptions) -> Result<Verified, Error> {
    verify_with_clock(token, keys.into(), options, None)
}

/// [`verify`] with `clock` as the time when `options.now` is unset: the wasm layer
/// passes `Date.now()`, so that one options object serves every call.
pub(crate) fn verify_with_clock(token: &str, keys: Keys<'_>, options: &VerifyOptions, clock: Option<f64>) -> Result<Verified, Error> {
    options.check()?;
    let segments = Segments::split(token, options.max_token_length.unwrap_or(DEFAULT_MAX_TOKEN_LENGTH))?;
    let jws = verify_segments(&segments, keys, options)?;
    with_valid_claims(&segments, jws, options, clock)
}

/// The header, read and checked against the options.
fn read_header(segments: &Segments<'_>, options: &VerifyOptions) -> Result<Protected, Error> {
    let json = segments.json_text(Part::Header, segments.bytes(Part::Header)?)?;
    let header = Header::read(&segments.scan(Part::Header, &json, Header::MEMBERS)?)?;
    check_header_options(&header, options)?;
    Ok(Protected { header, json })
}

/// A JWS whose signature matched, as a verified JWT once its payload is a JSON object whose claims pass.
fn with_valid_claims(segments: &Segments<'_>, jws: VerifiedJws, options: &VerifyOptions, clock: Option<f64>) -> Result<Verified, Error> {
    let payload_json = segments.json_text(Part::Payload, jws.payload)?;
    let claims = claims::Registered::read(segments.scan(Part::Payload, &payload_json, claims::REGISTERED)?)?;
    claims::validate(&claims, options, claims::now_or_clock(options.now.or(clock))?)?;
    Ok(Verified { protected: jws.protected, payload_json })
}

/// A token checked up to its signature, whose signature the platform's crypto checks
/// (RSA and ECDSA, natively ten times faster than in wasm, and Ed25519): everything else
/// stays in the core, before ([`verify_start`]: structure, header, options on it, key
/// choice, the signature's form) and after ([`PendingSignature::finish`]: the claims).
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
pub(crate) struct PendingSignature {
    token: String,
    signing_input_len: usize,
    jws: VerifiedJws,
    signature: Vec<u8>,
    candidates: Vec<usize>,
}

#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
impl PendingSignature {
    pub(crate) fn alg(&self) -> Algorithm {
        self.jws.alg()
    }

    /// The bytes the signature is over: the token up to its second dot.
    pub(crate) fn signing_input(&self) -> &[u8] {
        &self.token.as_bytes()[..self.signing_input_len]
    }

    /// The signature, already checked for its form against every candidate.
    pub(crate) fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The keys to check the signature with, as positions in the key set (0 for a single key).
    pub(crate) fn candidates(&self) -> &[usize] {
        &self.candidates
    }

    /// Whether the signature matches a candidate of `keys` (the keys [`verify_start`] was
    /// given): as `check` (the platform's crypto) says, or as the core finds for a
    /// candidate `check` cannot check (`None`).
    pub(crate) fn matched_by(&self, keys: Keys<'_>, mut check: impl FnMut(&Self, usize) -> Option<bool>) -> bool {
        self.candidates.iter().any(|&i| {
            check(self, i).unwrap_or_else(|| {
                let key = match keys {
                    Keys::One(key) => Some(key),
                    Keys::Set(set) => set.key_at(i),
                };
                key.is_some_and(|key| algorithms::verify_signature(key, self.alg(), self.signing_input(), self.signature()).is_ok())
            })
        })
    }

    /// Given whether the signature matched one of the candidates: the verified token once
    /// its claims pass, or `bad_signature`.
    pub(crate) fn finish(self, matched: bool, options: &VerifyOptions, clock: Option<f64>) -> Result<Verified, Error> {
        if !matched {
            return Err(Error::new(ErrorCode::BadSignature, message!("the ", self.jws.alg(), " signature does not match")).in_part(Part::Signature));
        }
        // Split as before; the length was checked then.
        let segments = Segments::split(&self.token, usize::MAX)?;
        with_valid_claims(&segments, self.jws, options, clock)
    }
}

/// Verifies up to the signature for the platform's crypto to check it; `None` when the
/// token's algorithm is one the core checks itself (HMAC, EdDSA): then call [`verify`].
#[cfg(all(any(test, feature = "wasm"), any(feature = "rsa", feature = "ecdsa")))]
pub(crate) fn verify_start(token: &str, keys: Keys<'_>, options: &VerifyOptions) -> Result<Option<PendingSignature>, Error> {
    options.check()?;
    let segments = Segments::split(token, options.max_token_length.unwrap_or(DEFAULT_MAX_TOKEN_LENGTH))?;
    let protected = read_header(&segments, options)?;
    let header = &protected.header;
    if !algorithms::platform_may_verify(header.alg) {
        return Ok(None);
    }
    let chosen: Vec<(usize, &Key)> = match keys {
        Keys::One(key) => {
            key.permits(header.alg, Operation::Verify)?;
            alloc::vec![(0, key)]
        }
        Keys::Set(set) => {
            let keys = set.candidates(header.kid.as_deref(), header.alg, Operation::Verify, options.max_keys_tried)?;
            keys.into_iter().filter_map(|key| set.position(key).map(|i| (i, key))).collect()
        }
    };
    let payload = segments.bytes(Part::Payload)?;
    let signature = segments.bytes(Part::Signature)?;
    let mut form_error = None;
    let candidates: Vec<usize> = chosen
        .into_iter()
        .filter(|(_, key)| algorithms::check_signature_form(key, header.alg, &signature).map_err(|e| form_error.get_or_insert(e)).is_ok())
        .map(|(i, _)| i)
        .collect();
    if let Some(e) = form_error.filter(|_| candidates.is_empty()) {
        return Err(e.in_part(Part::Signature));
    }
    let jws = VerifiedJws { protected, payload };
    Ok(Some(PendingSignature { token: token.into(), signing_input_len: segments.signing_input().len(), jws, signature, candidates }))
}

/// A verified token's claims as the caller's type, with its header: what [`verify_as`] returns.
/// The header is kept as its JSON text and parsed only when asked for. Feature `serde`.
#[cfg(feature = "serde")]
#[derive(Clone, Debug)]
pub struct TokenData<T> {
    /// The verified claims.
    pub claims: T,
    protected: Protected,
}

#[cfg(feature = "serde")]
impl<T> TokenData<T> {
    protected_header_accessors!();
}

/// [`verify`], then the claims deserialized into `T` (see [`Verified::claims_as`]).
///
/// ```
/// use serde::{Deserialize, Serialize};
/// use wasm_jwt::{sign, verify_as, Algorithm, Key, SignOptions, VerifyOptions};
///
/// #[derive(Debug, Serialize, Deserialize)]
/// struct Claims { sub: String, roles: Vec<String>, exp: u64 }
///
/// let key = Key::hmac(b"a secret of at least 32 bytes for HS256!")?;
/// let claims = Claims { sub: "ada".into(), roles: vec!["admin".into()], exp: 1_700_000_600 };
/// let token = sign(&claims, &key, &SignOptions::new().now(1_700_000_000))?;
///
/// let options = VerifyOptions::new().algorithms([Algorithm::HS256]).leeway(30).now(1_700_000_000);
/// let verified = verify_as::<Claims>(&token, &key, &options)?;
/// assert_eq!((verified.claims.sub.as_str(), verified.header()["alg"].as_str()), ("ada", Some("HS256")));
///
/// let expired = VerifyOptions::new().now(1_700_000_700);
/// assert_eq!(verify_as::<Claims>(&token, &key, &expired).unwrap_err().code(), wasm_jwt::ErrorCode::Expired);
/// # Ok::<(), wasm_jwt::Error>(())
/// ```
#[cfg(feature = "serde")]
pub fn verify_as<'a, T: serde::de::DeserializeOwned>(token: &str, keys: impl Into<Keys<'a>>, options: &VerifyOptions) -> Result<TokenData<T>, Error> {
    let verified = verify(token, keys, options)?;
    Ok(TokenData { claims: verified.claims_as()?, protected: verified.protected })
}

fn check_header_options(header: &Header, options: &VerifyOptions) -> Result<(), Error> {
    if let Some(allowed) = options.algorithms.as_ref().filter(|allowed| !allowed.contains(&header.alg)) {
        let names = crate::message::list(allowed.iter().map(|a| a.name()));
        return Err(Error::new(ErrorCode::AlgNotAllowed, message!("alg ", header.alg, " is not among the allowed algorithms (", names, ")"))
            .in_part(Part::Header));
    }
    check_typ(header.typ.as_deref(), options)
}

/// The header's `typ` against `options.typ`, when set.
pub(crate) fn check_typ(typ: Option<&str>, options: &VerifyOptions) -> Result<(), Error> {
    if let Some(expected) = &options.typ {
        if !typ.is_some_and(|typ| same_typ(typ, expected)) {
            return Err(Error::new(ErrorCode::Typ, message!("the header typ is not \"", crate::error::quoted(expected), "\"")).in_part(Part::Header));
        }
    }
    Ok(())
}

/// Succeeds if any candidate key verifies the signature. With several candidates
/// (a key set and no `kid`), a `bad_signature` outranks other failures.
fn check_signature(candidates: &[&Key], alg: Algorithm, input: &[u8], signature: &[u8]) -> Result<(), Error> {
    let mut failure: Option<Error> = None;
    for key in candidates {
        match algorithms::verify_signature(key, alg, input, signature) {
            Ok(()) => return Ok(()),
            Err(e) if failure.is_none() || e.code() == ErrorCode::BadSignature => failure = Some(e),
            Err(_) => {}
        }
    }
    Err(failure.expect("there is at least one candidate key").in_part(Part::Signature))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The split path with the core standing in for the platform's crypto gives what `verify` gives.
    #[cfg(feature = "ecdsa")]
    #[test]
    fn verify_start_and_finish_agree_with_verify() {
        use crate::{sign, SignOptions};
        // Wycheproof's P-256 test key.
        let key = Key::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY","y":"UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw","d":"yy49oPcINGK2ps0LmtxpB6UTEOiITghHBif6wDqmJ3c"}"#).unwrap();
        let public = Key::from_jwk(&key.to_jwk(false).unwrap()).unwrap();
        let now = Some(1_000.0);
        let token = sign(&serde_json::json!({"sub": "a", "exp": 2000}), &key, &SignOptions { now, ..Default::default() }).unwrap();
        let split = |token: &str, options: &VerifyOptions| -> Result<String, ErrorCode> {
            let pending = verify_start(token, Keys::One(&public), options).map_err(|e| e.code())?.expect("ES256 goes to the platform");
            assert_eq!((pending.alg(), pending.candidates()), (Algorithm::ES256, &[0][..]));
            let matched = algorithms::verify_signature(&public, pending.alg(), pending.signing_input(), pending.signature()).is_ok();
            pending.finish(matched, options, None).map(|v| v.payload_json().into()).map_err(|e| e.code())
        };
        let whole = |token: &str, options: &VerifyOptions| verify(token, &public, options).map(|v| v.payload_json().into()).map_err(|e| e.code());
        let (head, signature) = token.rsplit_once('.').unwrap();
        let mut flipped = crate::base64url::decode(signature.as_bytes()).unwrap();
        flipped[0] ^= 1;
        let tampered = alloc::format!("{head}.{}", crate::base64url::encode(&flipped));
        let short = alloc::format!("{head}.{}", crate::base64url::encode(&flipped[1..]));
        let zero = alloc::format!("{head}.{}", crate::base64url::encode(&[0; 64]));
        let fresh = VerifyOptions { now, ..Default::default() };
        let late = VerifyOptions { now: Some(3000.0), ..Default::default() };
        for (token, options) in [(&token, &fresh), (&token, &late), (&tampered, &fresh), (&short, &fresh), (&zero, &fresh)] {
            assert_eq!(split(token, options), whole(token, options), "{token}");
        }
        assert_eq!(split(&token, &late), Err(ErrorCode::Expired));
        assert_eq!(split(&zero, &fresh), Err(ErrorCode::BadSignature));
        let hmac = Key::hmac(&[1; 32]).unwrap();
        let hs = sign(&serde_json::json!({}), &hmac, &SignOptions { now, ..Default::default() }).unwrap();
        assert!(verify_start(&hs, Keys::One(&hmac), &fresh).unwrap().is_none(), "HMAC stays in the core");

        // The platform's answer is taken as it is; where it cannot check, the core does.
        let set = KeySet::from_jwks(&alloc::format!(r#"{{"keys":[{},{}]}}"#, public.to_jwk(false).unwrap(), public.to_jwk(false).unwrap())).unwrap();
        let two_tried = VerifyOptions { max_keys_tried: 2, ..fresh.clone() };
        for keys in [Keys::One(&public), Keys::Set(&set)] {
            for (token, genuine) in [(&token, true), (&tampered, false)] {
                let pending = verify_start(token, keys, &two_tried).unwrap().unwrap();
                assert_eq!(pending.candidates().len(), if matches!(keys, Keys::One(_)) { 1 } else { 2 });
                assert_eq!(pending.matched_by(keys, |_, _| None), genuine, "the core checks");
                assert!(pending.matched_by(keys, |_, i| Some(i == 1)) == matches!(keys, Keys::Set(_)), "the platform's answer");
                assert!(!pending.matched_by(keys, |_, _| Some(false)));
                assert_eq!(pending.matched_by(keys, |_, i| (i != 0).then_some(false)), genuine, "the core checks candidate 0");
            }
        }
    }

    #[test]
    fn the_header_kid_and_typ_come_with_the_result() {
        let key = Key::hmac(&[7; 32]).unwrap();
        let encode = crate::base64url::encode;
        let input = alloc::format!("{}.{}", encode(br#"{"alg":"HS256","kid":"k1","typ":"at+jwt"}"#), encode(b"{}"));
        let token = alloc::format!("{input}.{}", encode(&algorithms::sign(&key, Algorithm::HS256, input.as_bytes()).unwrap()));
        let options = VerifyOptions::new().now(1);
        let verified = verify(&token, &key, &options).unwrap();
        assert_eq!((verified.alg(), verified.kid(), verified.typ()), (Algorithm::HS256, Some("k1"), Some("at+jwt")));
        let jws = verify_jws(&token, &key, &options).unwrap();
        assert_eq!((jws.kid(), jws.typ()), (Some("k1"), Some("at+jwt")));
    }

    #[test]
    fn max_keys_tried_is_checked_when_set_in_rust() {
        let key = Key::hmac(&[7; 32]).unwrap();
        let token = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln";
        for bad in [0, MAX_KEYS_TRIED + 1] {
            let e = verify(token, &key, &VerifyOptions { max_keys_tried: bad, ..Default::default() }).unwrap_err();
            assert_eq!((e.code(), e.message()), (ErrorCode::InvalidOption, "the option \"maxKeysTried\" must be a whole number from 1 to 16"));
        }
        assert_eq!(VerifyOptions::default().max_keys_tried, 1);
    }

    #[cfg(feature = "serde")]
    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Claims {
        sub: String,
        exp: Option<f64>,
    }

    /// Signs `payload` as it is (sign would refuse malformed registered claims).
    fn hs256(payload: &str) -> (Key, String) {
        let key = Key::hmac(&[7; 32]).unwrap();
        let encode = crate::base64url::encode;
        let input = alloc::format!("{}.{}", encode(br#"{"alg":"HS256","typ":"JWT"}"#), encode(payload.as_bytes()));
        let signature = algorithms::sign(&key, Algorithm::HS256, input.as_bytes()).unwrap();
        (key, alloc::format!("{input}.{}", encode(&signature)))
    }

    #[cfg(feature = "serde")]
    #[test]
    fn typed_claims_come_after_the_registered_checks() {
        let (key, token) = hs256(r#"{"sub":"ada","exp":100}"#);
        let at = |now: f64| VerifyOptions::new().now(now);
        let data = verify_as::<Claims>(&token, &key, &at(99.0)).unwrap();
        assert_eq!(data.claims, Claims { sub: "ada".into(), exp: Some(100.0) });
        assert_eq!((data.alg(), data.header()["typ"].as_str()), (Algorithm::HS256, Some("JWT")));
        assert_eq!(verify_as::<Claims>(&token, &key, &at(100.0)).unwrap_err().code(), ErrorCode::Expired);
        // A T that would take any exp never sees a malformed one: the core refuses it first.
        #[derive(Debug, serde::Deserialize)]
        struct AnyExp {
            #[allow(dead_code)]
            exp: serde_json::Value,
        }
        let (key, token) = hs256(r#"{"exp":"tomorrow"}"#);
        let e = verify_as::<AnyExp>(&token, &key, &at(1.0)).unwrap_err();
        assert_eq!((e.code(), e.claim()), (ErrorCode::MalformedClaim, Some("exp")));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn claims_that_do_not_fit_the_type_are_malformed_claim_with_a_bounded_message() {
        let (key, token) = hs256(r#"{"name":"ada"}"#);
        let e = verify(&token, &key, &VerifyOptions::new().now(1)).unwrap().claims_as::<Claims>().unwrap_err();
        assert_eq!((e.code(), e.part()), (ErrorCode::MalformedClaim, Some(Part::Payload)));
        assert!(e.message().contains("missing field `sub`") && e.message().contains("Claims"), "{}", e.message());
        let (key, token) = hs256(&alloc::format!(r#"{{"sub":"{}"}}"#, "x".repeat(5000)));
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct NumericSub {
            sub: u64,
        }
        let e = verify(&token, &key, &VerifyOptions::new().now(1)).unwrap().claims_as::<NumericSub>().unwrap_err();
        assert!(e.message().len() < 400, "{} bytes", e.message().len());
        assert!(crate::decode(&token).unwrap().claims_as::<NumericSub>().is_err());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn decoded_claims_as_reads_without_verifying() {
        let (_, token) = hs256(r#"{"sub":"ada"}"#);
        let forged = alloc::format!("{}.AAAA", &token[..token.rfind('.').unwrap()]);
        assert_eq!(crate::decode(&forged).unwrap().claims_as::<Claims>().unwrap(), Claims { sub: "ada".into(), exp: None });
    }

    #[test]
    fn the_builder_sets_what_the_fields_set() {
        let built = VerifyOptions::new()
            .algorithms([Algorithm::HS256, Algorithm::HS512])
            .issuer("a")
            .issuer("b")
            .audience("api")
            .subject("ada")
            .typ("at+jwt")
            .leeway(30)
            .now(1_700_000_000)
            .max_age(60.5)
            .require("jti")
            .max_token_length(100)
            .max_keys_tried(2);
        assert_eq!(built.algorithms, Some(alloc::vec![Algorithm::HS256, Algorithm::HS512]));
        assert_eq!((built.issuer.unwrap(), built.audience.unwrap()), (alloc::vec!["a".into(), "b".into()], alloc::vec![String::from("api")]));
        assert_eq!((built.subject.as_deref(), built.typ.as_deref()), (Some("ada"), Some("at+jwt")));
        assert_eq!((built.leeway, built.now, built.max_age), (30.0, Some(1_700_000_000.0), Some(60.5)));
        assert_eq!((built.required, built.max_token_length, built.max_keys_tried), (alloc::vec![String::from("jti")], Some(100), 2));
    }

    #[test]
    fn repeated_issuer_and_audience_each_accept_another() {
        let (key, token) = hs256(r#"{"sub":"ada","iss":"b","aud":"web"}"#);
        let options = VerifyOptions::new().now(1).issuer("a").issuer("b").audience("api").audience("web");
        assert!(verify(&token, &key, &options).is_ok());
        let e = verify(&token, &key, &VerifyOptions::new().now(1).issuer("a").audience("web")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Issuer);
    }
}
