//! Reading JSON Web Keys and Key Sets (RFC 7517). Members this library does not
//! use are ignored, as the RFC asks; members it uses must have the right types.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Entry, Key, KeySet, Material, MAX_JWKS_KEYS};
use crate::algorithms::hmac::HmacKey;
use zeroize::Zeroizing;

use crate::algorithms::Algorithm;
use crate::error::{quoted, Error, ErrorCode};
use crate::base64url;
use crate::json::{self, Map, Value};

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// The JSON object of a JWK or JWKS; the json module's message is a predicate ("is not
/// valid JSON: ...", "has the member name ... twice") that completes "the JWK".
fn parse_json(bytes: &[u8], what: &str) -> Result<ParsedJson, Error> {
    json::parse_object(bytes).map(ParsedJson).map_err(|e| invalid(message!("the ", what, " ", e.message, " (byte ", e.offset, ")")))
}

/// A parsed JWK or JWKS whose string values (a private key's `d`, a secret's `k`) are
/// zeroed when it is dropped, so that freed memory keeps no copy of them.
struct ParsedJson(Map);

impl core::ops::Deref for ParsedJson {
    type Target = Map;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Drop for ParsedJson {
    fn drop(&mut self) {
        self.0.values_mut().for_each(zeroize_strings);
    }
}

/// Zeroes every string in `value`; nesting is bounded by the JSON depth limit.
fn zeroize_strings(value: &mut Value) {
    use zeroize::Zeroize;
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(zeroize_strings),
        Value::Object(members) => members.values_mut().for_each(zeroize_strings),
        _ => {}
    }
}

pub(super) fn parse_key(bytes: &[u8]) -> Result<Key, Error> {
    key_from_map(&*parse_json(bytes, "JWK")?)
}

pub(super) fn parse_set(bytes: &[u8]) -> Result<KeySet, Error> {
    let map = parse_json(bytes, "JWKS")?;
    let keys = match map.get("keys") {
        Some(Value::Array(keys)) => keys,
        Some(other) => return Err(invalid(message!("the JWKS member \"keys\" must be an array, not ", json::type_name(other)))),
        None => return Err(invalid("a JWKS is an object with a \"keys\" array")),
    };
    if keys.len() > MAX_JWKS_KEYS {
        return Err(Error::new(ErrorCode::TooLarge, message!("the JWKS has ", keys.len(), " keys; at most ", MAX_JWKS_KEYS, " are accepted")));
    }
    refuse_mixed_secrets(keys)?;
    let mut entries: Vec<Entry> = Vec::with_capacity(keys.len());
    let mut kids: Vec<(&str, usize)> = Vec::new();
    for (i, value) in keys.iter().enumerate() {
        let Value::Object(member) = value else {
            return Err(invalid(message!("JWKS key ", i, " is ", json::type_name(value), ", not an object")));
        };
        let kid = optional_string(member, "kid").map_err(|e| in_set(i, e))?;
        kids.extend(kid.map(|kid| (kid, i)));
        entries.push(Entry { kid: kid.map(String::from), key: key_from_map(member).map_err(|e| in_set(i, e)) });
    }
    // After the loop, by the JSON reader's duplicate check (no BTreeSet in the wasm): a key
    // that is not an object, or a kid that is not a string, is reported before a repeat.
    if let Some((kid, _)) = json::first_repeat(&kids) {
        return Err(invalid(message!("the JWKS has more than one key with kid \"", quoted(kid), "\"")));
    }
    Ok(KeySet { entries })
}

/// A set that mixes shared secrets with asymmetric keys is refused: a JWKS is
/// usually published, so a secret in it is a leak, and a mixed set invites
/// algorithm confusion (Wycheproof "MixedKeySet").
fn refuse_mixed_secrets(keys: &[Value]) -> Result<(), Error> {
    let is_secret = |k: &Value| k.as_object().and_then(|k| k.get("kty")).and_then(Value::as_str) == Some("oct");
    if keys.iter().any(is_secret) && !keys.iter().all(is_secret) {
        return Err(invalid("the JWKS mixes secret (kty \"oct\") keys with asymmetric keys; keep secrets out of key sets that hold public keys"));
    }
    Ok(())
}

fn in_set(index: usize, e: Error) -> Error {
    Error::new(e.code(), message!("JWKS key ", index, ": ", e.message()))
}

fn optional_string<'a>(map: &'a Map, name: &str) -> Result<Option<&'a str>, Error> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(invalid(message!("the JWK member \"", name, "\" must be a string, not ", json::type_name(other)))),
    }
}

fn required_bytes(map: &Map, name: &str) -> Result<Vec<u8>, Error> {
    let text = optional_string(map, name)?.ok_or_else(|| invalid(message!("the JWK has no \"", name, "\" member")))?;
    base64url::decode(text.as_bytes())
        .map_err(|e| invalid(message!("the JWK member \"", name, "\" is not base64url: ", e.reason, " (character ", e.offset, ")")))
}

fn key_ops(map: &Map) -> Result<Option<Vec<String>>, Error> {
    let Some(value) = map.get("key_ops") else { return Ok(None) };
    let not_strings = || invalid("the JWK member \"key_ops\" must be an array of strings");
    let ops: Vec<String> =
        value.as_array().ok_or_else(not_strings)?.iter().map(|op| op.as_str().map(String::from).ok_or_else(not_strings)).collect::<Result<_, _>>()?;
    if ops.iter().enumerate().any(|(i, op)| ops[..i].contains(op)) {
        return Err(invalid("the JWK member \"key_ops\" lists an operation twice (RFC 7517 section 4.3)"));
    }
    Ok(Some(ops))
}

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa", feature = "jwe"))]
fn optional_bytes(map: &Map, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    match map.get(name) {
        None => Ok(None),
        Some(_) => required_bytes(map, name).map(|bytes| Some(Zeroizing::new(bytes))),
    }
}

fn unsupported(message: String) -> Error {
    Error::new(ErrorCode::UnsupportedAlg, message)
}

fn key_from_map(map: &Map) -> Result<Key, Error> {
    let kty = optional_string(map, "kty")?.ok_or_else(|| invalid("the JWK has no \"kty\" member"))?;
    let material = match kty {
        "oct" => Material::Hmac(HmacKey::new(&Zeroizing::new(required_bytes(map, "k")?))?),
        #[cfg(feature = "rsa")]
        "RSA" => Material::rsa(rsa_from_map(map)?),
        #[cfg(feature = "ecdsa")]
        "EC" => Material::ec(ec_from_map(map)?),
        #[cfg(any(feature = "eddsa", feature = "jwe"))]
        "OKP" => okp_from_map(map)?,
        other => return Err(unsupported(message!("JWK kty \"", quoted(other), "\" is not supported by this build"))),
    };
    let mut key = Key::from_material(material);
    if let Some(name) = optional_string(map, "alg")? {
        bind_alg(name, &mut key)?;
    }
    key.kid = optional_string(map, "kid")?.map(String::from);
    key.key_use = optional_string(map, "use")?.map(String::from);
    key.key_ops = key_ops(map)?;
    Ok(key)
}

#[cfg(feature = "rsa")]
fn rsa_from_map(map: &Map) -> Result<crate::algorithms::rsa::RsaKey, Error> {
    use crate::algorithms::rsa::{RsaKey, RsaParts, RsaPrivateParts};
    if map.contains_key("oth") {
        return Err(invalid("multi-prime RSA keys (JWK member \"oth\") are not supported"));
    }
    let (n, e, d) = (required_bytes(map, "n")?, required_bytes(map, "e")?, optional_bytes(map, "d")?);
    let (p, q) = (optional_bytes(map, "p")?, optional_bytes(map, "q")?);
    let primes = match (&p, &q) {
        (Some(p), Some(q)) => Some((p.as_slice(), q.as_slice())),
        (None, None) => None,
        _ => return Err(invalid("an RSA JWK with \"p\" must have \"q\" too, and the other way round")),
    };
    if d.is_none() && primes.is_some() {
        return Err(invalid("an RSA JWK with primes must have the private exponent \"d\""));
    }
    let private = d.as_deref().map(|d| RsaPrivateParts { d, primes });
    RsaKey::from_parts(&RsaParts { n: &n, e: &e, private })
}

#[cfg(feature = "ecdsa")]
fn ec_from_map(map: &Map) -> Result<crate::algorithms::ecdsa::EcKey, Error> {
    use crate::algorithms::ecdsa::{Curve, EcKey};
    let crv = optional_string(map, "crv")?.ok_or_else(|| invalid("an EC JWK needs \"crv\""))?;
    let curve = Curve::from_jwk_name(crv)
        .ok_or_else(|| unsupported(message!("the EC curve \"", quoted(crv), "\" is not supported (P-256, P-384 and P-521 are)")))?;
    let d = optional_bytes(map, "d")?;
    EcKey::from_coordinates(curve, &required_bytes(map, "x")?, &required_bytes(map, "y")?, d.as_deref().map(Vec::as_slice))
}

/// An OKP key (RFC 8037): Ed25519 signs, X25519 (with `jwe`) agrees on JWE keys.
#[cfg(any(feature = "eddsa", feature = "jwe"))]
fn okp_from_map(map: &Map) -> Result<Material, Error> {
    let crv = optional_string(map, "crv")?.ok_or_else(|| invalid("an OKP JWK needs \"crv\""))?;
    let make = match crv {
        #[cfg(feature = "eddsa")]
        "Ed25519" => |x: &[u8], d: Option<&[u8]>| crate::algorithms::eddsa::Ed25519Key::from_jwk_bytes(x, d).map(Material::ed25519),
        #[cfg(feature = "jwe")]
        "X25519" => |x: &[u8], d: Option<&[u8]>| crate::algorithms::x25519::X25519Key::from_jwk_bytes(x, d).map(Material::x25519),
        _ => return Err(unsupported(message!("the OKP curve \"", quoted(crv), "\" is not supported by this build (Ed25519 signs, X25519 encrypts with the jwe feature)"))),
    };
    let d = optional_bytes(map, "d")?;
    make(&required_bytes(map, "x")?, d.as_deref().map(Vec::as_slice))
}

/// Binds the key to its JWK `alg`: a signature algorithm, or with JWE an encryption one.
fn bind_alg(name: &str, key: &mut Key) -> Result<(), Error> {
    #[cfg(feature = "jwe")]
    if let Some(binding) = crate::jwe::KeyBinding::from_name(name) {
        if !binding.suits(key) {
            return Err(invalid(message!("the JWK \"alg\" ", name, " does not fit the key's kty")));
        }
        key.encryption = Some(binding);
        return Ok(());
    }
    key.alg = Some(bound_alg(name, key)?);
    Ok(())
}

/// A JWK `alg` must name an algorithm the key itself can serve (its family, and for EC its curve).
fn bound_alg(name: &str, key: &Key) -> Result<Algorithm, Error> {
    let alg = Algorithm::from_name(name).map_err(|e| invalid(message!("the JWK \"alg\" is not usable: ", e.message())))?;
    key.suits(alg).map_err(|e| invalid(message!("the JWK \"alg\" does not fit the key: ", e.message())))?;
    Ok(alg)
}

/// `(name, base64url value)` pairs of a key's material, public members first.
fn material_members(key: &Key, include_private: bool) -> Result<Vec<(&'static str, Zeroizing<String>)>, Error> {
    let encoded = |bytes: &[u8]| Zeroizing::new(base64url::encode(bytes));
    let text = |s: &str| Zeroizing::new(String::from(s));
    let mut members = Vec::new();
    match key.material() {
        Material::Hmac(secret) => {
            if !include_private {
                return Err(invalid("a shared secret has no public form; ask for the private members to export it"));
            }
            members.push(("kty", text("oct")));
            members.push(("k", encoded(secret.bytes())));
        }
        #[cfg(feature = "rsa")]
        Material::Rsa(rsa) => {
            members.push(("kty", text("RSA")));
            for (name, value) in rsa.jwk_members(include_private)? {
                members.push((name, encoded(&value)));
            }
        }
        #[cfg(feature = "ecdsa")]
        Material::Ec(ec) => {
            let (x, y) = ec.coordinates();
            members.extend([("kty", text("EC")), ("crv", text(ec.curve().jwk_name())), ("x", encoded(&x)), ("y", encoded(&y))]);
            #[cfg(feature = "sign")]
            if let Some(d) = ec.secret_bytes().filter(|_| include_private) {
                members.push(("d", encoded(&d)));
            }
        }
        #[cfg(feature = "eddsa")]
        Material::Ed25519(ed) => {
            members.extend([("kty", text("OKP")), ("crv", text("Ed25519")), ("x", encoded(&ed.public_bytes()))]);
            #[cfg(feature = "sign")]
            if let Some(d) = ed.secret_bytes().filter(|_| include_private) {
                members.push(("d", encoded(&d)));
            }
        }
        #[cfg(feature = "jwe")]
        Material::X25519(x) => {
            members.extend([("kty", text("OKP")), ("crv", text("X25519")), ("x", encoded(x.public_bytes()))]);
            if let Some(d) = x.secret_bytes().filter(|_| include_private) {
                members.push(("d", encoded(d)));
            }
        }
    }
    Ok(members)
}

/// Writes a key as JWK JSON text, with its `kid`, `alg`, `use` and `key_ops`.
pub(super) fn write_key(key: &Key, include_private: bool) -> Result<String, Error> {
    let mut map = Map::new();
    for (name, value) in material_members(key, include_private)? {
        map.insert(name.into(), Value::String(String::from(value.as_str())));
    }
    if let Some(kid) = key.kid() {
        map.insert("kid".into(), kid.into());
    }
    if let Some(alg) = key.alg() {
        map.insert("alg".into(), alg.name().into());
    }
    #[cfg(feature = "jwe")]
    if let Some(binding) = key.encryption {
        map.insert("alg".into(), binding.name().into());
    }
    if let Some(key_use) = &key.key_use {
        map.insert("use".into(), key_use.as_str().into());
    }
    if let Some(ops) = &key.key_ops {
        map.insert("key_ops".into(), ops.iter().map(|op| Value::from(op.as_str())).collect());
    }
    map.sort_by_name();
    let json = map.to_json();
    map.values_mut().for_each(zeroize_strings);
    Ok(json)
}

/// The RFC 7638 thumbprint: SHA-256 of the required members, sorted, without whitespace.
pub(super) fn thumbprint(key: &Key) -> Result<String, Error> {
    let required: &[&str] = match key.material() {
        Material::Hmac(_) => &["k", "kty"],
        #[cfg(feature = "rsa")]
        Material::Rsa(_) => &["e", "kty", "n"],
        #[cfg(feature = "ecdsa")]
        Material::Ec(_) => &["crv", "kty", "x", "y"],
        #[cfg(feature = "eddsa")]
        Material::Ed25519(_) => &["crv", "kty", "x"],
        #[cfg(feature = "jwe")]
        Material::X25519(_) => &["crv", "kty", "x"],
    };
    let members = material_members(key, matches!(key.material(), Material::Hmac(_)))?;
    let mut json = Zeroizing::new(String::from("{"));
    for (i, name) in required.iter().enumerate() {
        let (_, value) = members.iter().find(|(n, _)| n == name).expect("every required member is written");
        if i > 0 {
            json.push(',');
        }
        // Names and base64url values need no JSON escaping.
        json.push_str(&message!("\"", name, "\":\"", value.as_str(), "\""));
    }
    json.push('}');
    Ok(sha256_base64url(json.as_bytes()))
}

/// The SHA-256 of `bytes` as base64url: a thumbprint, and a token's key in a verifier's
/// cache. Out of line, so that the two share one copy of the hash's update and padding.
#[inline(never)]
pub(crate) fn sha256_base64url(bytes: &[u8]) -> String {
    base64url::encode(&crate::algorithms::sha::sha256(bytes))
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use super::*;

    const K32: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    #[test]
    fn reads_an_oct_key_with_metadata() {
        let key = parse_key(format!(r#"{{"kty":"oct","k":"{K32}","kid":"a","alg":"HS384","use":"sig","key_ops":["sign","verify"],"x-extra":1}}"#).as_bytes()).unwrap();
        assert_eq!((key.kid(), key.alg()), (Some("a"), Some(Algorithm::HS384)));
    }

    #[test]
    fn refuses_bad_members() {
        for bad in [
            r#"{"k":"AAAA"}"#.into(),
            r#"{"kty":"oct"}"#.into(),
            r#"{"kty":"oct","k":""}"#.into(),
            r#"{"kty":"oct","k":"AA=="}"#.into(),
            format!(r#"{{"kty":"oct","k":"{K32}","alg":"none"}}"#),
            format!(r#"{{"kty":"oct","k":"{K32}","alg":7}}"#),
            format!(r#"{{"kty":"oct","k":"{K32}","kid":1}}"#),
            format!(r#"{{"kty":"oct","k":"{K32}","key_ops":"sign"}}"#),
            format!(r#"{{"kty":"oct","k":"{K32}","key_ops":["sign","sign"]}}"#),
            format!(r#"{{"kty":"oct","k":"{K32}","kty":"oct"}}"#),
            "[]".into(),
        ] {
            let e = parse_key(bad.as_bytes()).unwrap_err();
            assert!(matches!(e.code(), ErrorCode::InvalidKey | ErrorCode::WeakKey), "{bad}: {e}");
        }
        assert_eq!(parse_key(br#"{"kty":"XYZ"}"#).unwrap_err().code(), ErrorCode::UnsupportedAlg);
    }

    #[test]
    fn sets_refuse_duplicate_kids_and_keep_unusable_keys_as_errors() {
        let dup = format!(r#"{{"keys":[{{"kty":"oct","k":"{K32}","kid":"x"}},{{"kty":"oct","k":"{K32}","kid":"x"}}]}}"#);
        assert_eq!(parse_set(dup.as_bytes()).unwrap_err().code(), ErrorCode::InvalidKey);
        let unusable = r#"{"keys":[{"kty":"XYZ","kid":"other"},{"kty":"XYZ","kid":"x"}]}"#;
        let set = parse_set(unusable.as_bytes()).unwrap();
        assert_eq!(set.len(), 2);
        let e = set.candidates(Some("other"), Algorithm::HS256, super::super::Operation::Verify, 1).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedAlg);
        let mixed = format!(r#"{{"keys":[{{"kty":"EC","kid":"e"}},{{"kty":"oct","k":"{K32}","kid":"x"}}]}}"#);
        assert_eq!(parse_set(mixed.as_bytes()).unwrap_err().code(), ErrorCode::InvalidKey);
        assert!(parse_set(br#"{"keys":{}}"#).is_err());
        assert!(parse_set(br#"{}"#).is_err());
    }

    fn set_of(count: usize, key: impl Fn(usize) -> String) -> String {
        format!(r#"{{"keys":[{}]}}"#, (0..count).map(key).collect::<Vec<_>>().join(","))
    }

    #[test]
    fn sets_hold_at_most_max_jwks_keys() {
        let oct = |i: usize| format!(r#"{{"kty":"oct","k":"{K32}","kid":"{i}"}}"#);
        assert_eq!(parse_set(set_of(MAX_JWKS_KEYS, oct).as_bytes()).unwrap().len(), MAX_JWKS_KEYS);
        let e = parse_set(set_of(150, oct).as_bytes()).unwrap_err();
        assert_eq!((e.code(), e.message()), (ErrorCode::TooLarge, "the JWKS has 150 keys; at most 100 are accepted"));
        // The count is checked before any key is read: these keys are not even objects.
        assert_eq!(parse_set(set_of(MAX_JWKS_KEYS + 1, |_| "0".into()).as_bytes()).unwrap_err().code(), ErrorCode::TooLarge);
    }

    #[test]
    fn a_kid_repeated_far_apart_is_found() {
        let kid = |i: usize| if i == MAX_JWKS_KEYS - 1 { "0".into() } else { alloc::string::ToString::to_string(&i) };
        let dup = set_of(MAX_JWKS_KEYS, |i| format!(r#"{{"kty":"oct","k":"{K32}","kid":"{}"}}"#, kid(i)));
        assert_eq!(parse_set(dup.as_bytes()).unwrap_err().message(), "the JWKS has more than one key with kid \"0\"");
        // Keys without a kid never clash.
        assert_eq!(parse_set(set_of(3, |_| format!(r#"{{"kty":"oct","k":"{K32}"}}"#)).as_bytes()).unwrap().len(), 3);
        // A kid that is not a string is reported before a repeated kid, wherever it is.
        let oct = |kid: &str| format!(r#"{{"kty":"oct","k":"{K32}","kid":{kid}}}"#);
        let e = parse_set(format!(r#"{{"keys":[{},{},{}]}}"#, oct("\"a\""), oct("\"a\""), oct("7")).as_bytes()).unwrap_err();
        assert_eq!(e.message(), "JWKS key 2: the JWK member \"kid\" must be a string, not a number");
    }

    #[test]
    fn json_faults_are_named_once() {
        let e = parse_key(br#"{"kty":"oct",}"#).unwrap_err();
        assert_eq!(e.message(), "the JWK is not valid JSON: trailing comma (byte 13)");
        assert_eq!(parse_set(br#"{"keys":[],"keys":[]}"#).unwrap_err().message(), "the JWKS has the member name \"keys\" twice (byte 11)");
        assert_eq!(parse_key(b"[]").unwrap_err().message(), "the JWK is an array, not a JSON object (byte 0)");
    }
}
