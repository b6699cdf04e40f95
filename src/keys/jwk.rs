//! Reading JSON Web Keys and Key Sets (RFC 7517). Members this library does not
//! use are ignored, as the RFC asks; members it uses must have the right types.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Map, Value};

use super::{Entry, Key, KeySet, Material};
use crate::algorithms::hmac::HmacKey;
use crate::algorithms::{Algorithm, Family};
use crate::error::{quoted, Error, ErrorCode};
use crate::{base64url, json};

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

fn parse_json(bytes: &[u8], what: &str) -> Result<Map<String, Value>, Error> {
    json::parse_object(bytes).map_err(|e| invalid(format!("the {what} is not valid JSON: {} (byte {})", e.message, e.offset)))
}

pub(super) fn parse_key(bytes: &[u8]) -> Result<Key, Error> {
    key_from_map(&parse_json(bytes, "JWK")?)
}

pub(super) fn parse_set(bytes: &[u8]) -> Result<KeySet, Error> {
    let map = parse_json(bytes, "JWKS")?;
    let keys = match map.get("keys") {
        Some(Value::Array(keys)) => keys,
        Some(other) => return Err(invalid(format!("the JWKS member \"keys\" must be an array, not {}", json::type_name(other)))),
        None => return Err(invalid("a JWKS is an object with a \"keys\" array")),
    };
    refuse_mixed_secrets(keys)?;
    let mut entries: Vec<Entry> = Vec::with_capacity(keys.len());
    for (i, value) in keys.iter().enumerate() {
        let Value::Object(member) = value else {
            return Err(invalid(format!("JWKS key {i} is {}, not an object", json::type_name(value))));
        };
        let kid = optional_string(member, "kid").map_err(|e| in_set(i, e))?.map(String::from);
        if let Some(kid) = kid.as_deref().filter(|kid| entries.iter().any(|e| e.kid.as_deref() == Some(kid))) {
            return Err(invalid(format!("the JWKS has more than one key with kid \"{}\"", quoted(kid))));
        }
        entries.push(Entry { kid, key: key_from_map(member).map_err(|e| in_set(i, e)) });
    }
    Ok(KeySet { entries })
}

/// A set that mixes shared secrets with asymmetric keys is refused: a JWKS is
/// usually published, so a secret in it is a leak, and a mixed set invites
/// algorithm confusion (Wycheproof "MixedKeySet").
fn refuse_mixed_secrets(keys: &[Value]) -> Result<(), Error> {
    let is_secret = |k: &Value| k.get("kty").and_then(Value::as_str) == Some("oct");
    if keys.iter().any(is_secret) && !keys.iter().all(is_secret) {
        return Err(invalid("the JWKS mixes secret (kty \"oct\") keys with asymmetric keys; keep secrets out of key sets that hold public keys"));
    }
    Ok(())
}

fn in_set(index: usize, e: Error) -> Error {
    Error::new(e.code(), format!("JWKS key {index}: {}", e.message()))
}

fn optional_string<'a>(map: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, Error> {
    match map.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(invalid(format!("the JWK member \"{name}\" must be a string, not {}", json::type_name(other)))),
    }
}

fn required_bytes(map: &Map<String, Value>, name: &str) -> Result<Vec<u8>, Error> {
    let text = optional_string(map, name)?.ok_or_else(|| invalid(format!("the JWK has no \"{name}\" member")))?;
    base64url::decode(text.as_bytes())
        .map_err(|e| invalid(format!("the JWK member \"{name}\" is not base64url: {} (character {})", e.reason, e.offset)))
}

fn key_ops(map: &Map<String, Value>) -> Result<Option<Vec<String>>, Error> {
    let Some(value) = map.get("key_ops") else { return Ok(None) };
    let not_strings = || invalid("the JWK member \"key_ops\" must be an array of strings");
    let ops: Vec<String> =
        value.as_array().ok_or_else(not_strings)?.iter().map(|op| op.as_str().map(String::from).ok_or_else(not_strings)).collect::<Result<_, _>>()?;
    if ops.iter().enumerate().any(|(i, op)| ops[..i].contains(op)) {
        return Err(invalid("the JWK member \"key_ops\" lists an operation twice (RFC 7517 section 4.3)"));
    }
    Ok(Some(ops))
}

fn key_from_map(map: &Map<String, Value>) -> Result<Key, Error> {
    let kty = optional_string(map, "kty")?.ok_or_else(|| invalid("the JWK has no \"kty\" member"))?;
    let material = match kty {
        "oct" => Material::Hmac(HmacKey::new(&required_bytes(map, "k")?)?),
        other => return Err(Error::new(ErrorCode::UnsupportedAlg, format!("JWK kty \"{}\" is not supported by this build", quoted(other)))),
    };
    let mut key = Key::from_material(material);
    key.alg = optional_string(map, "alg")?.map(|name| bound_alg(name, key.family())).transpose()?;
    key.kid = optional_string(map, "kid")?.map(String::from);
    key.key_use = optional_string(map, "use")?.map(String::from);
    key.key_ops = key_ops(map)?;
    Ok(key)
}

/// A JWK `alg` must name an algorithm of the key's own family.
fn bound_alg(name: &str, family: Family) -> Result<Algorithm, Error> {
    let alg = Algorithm::from_name(name).map_err(|e| invalid(format!("the JWK \"alg\" is not usable: {}", e.message())))?;
    if alg.family() != family {
        return Err(invalid(format!("the JWK \"alg\" {alg} does not fit a key of this kty")));
    }
    Ok(alg)
}

#[cfg(test)]
mod tests {
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
        let e = set.candidates(Some("other"), Algorithm::HS256, super::super::Operation::Verify).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnsupportedAlg);
        let mixed = format!(r#"{{"keys":[{{"kty":"EC","kid":"e"}},{{"kty":"oct","k":"{K32}","kid":"x"}}]}}"#);
        assert_eq!(parse_set(mixed.as_bytes()).unwrap_err().code(), ErrorCode::InvalidKey);
        assert!(parse_set(br#"{"keys":{}}"#).is_err());
        assert!(parse_set(br#"{}"#).is_err());
    }
}
