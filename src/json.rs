//! Strict JSON for headers and payloads: one JSON object, UTF-8 without a BOM,
//! no duplicate member names (RFC 7515 section 5.2 lets us reject them, and
//! accepting the last one is how parsers are played against each other), and
//! nesting no deeper than [`MAX_JSON_DEPTH`].
//!
//! serde_json does the parsing; a [`DeserializeSeed`] adds the duplicate and depth
//! rules and records which one fired, since serde errors only carry text.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// How deeply arrays and objects may nest in a header or payload (the top-level
/// object is depth 1). Real tokens stay below 6; this bounds parser recursion.
pub const MAX_JSON_DEPTH: usize = 32;

/// Why a JSON text was refused, and at which byte of it. The message is a predicate
/// ("is not valid JSON: …") that callers prefix with what the text was ("the header").
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub kind: JsonErrorKind,
    pub offset: usize,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonErrorKind {
    Syntax,
    TooDeep,
}

#[derive(Clone, Debug, Default)]
enum Fault {
    #[default]
    None,
    Duplicate(String),
    TooDeep,
}

/// Parses `bytes` as one strict JSON object.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(JsonError { kind: JsonErrorKind::Syntax, offset: 0, message: "starts with a byte order mark, which is not allowed".into() });
    }
    let fault = Cell::new(Fault::None);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Strict { depth: 1, fault: &fault }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| describe(bytes, &e, fault.take()))?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(JsonError {
            kind: JsonErrorKind::Syntax,
            offset: 0,
            message: format!("is {}, not a JSON object", type_name(&other)),
        }),
    }
}

/// The JSON type of a value, in words, for error messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn describe(bytes: &[u8], e: &serde_json::Error, fault: Fault) -> JsonError {
    let offset = byte_offset(bytes, e.line(), e.column());
    let (kind, message) = match fault {
        Fault::Duplicate(name) => (JsonErrorKind::Syntax, format!("has the member name \"{}\" twice", crate::error::quoted(&name))),
        Fault::TooDeep => (JsonErrorKind::TooDeep, format!("nests deeper than {MAX_JSON_DEPTH} levels")),
        Fault::None => (JsonErrorKind::Syntax, format!("is not valid JSON: {}", strip_position(e))),
    };
    JsonError { kind, offset, message }
}

/// serde_json reports 1-based lines and columns counted in bytes; turn them into a byte offset.
fn byte_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start: usize = bytes.split(|&b| b == b'\n').take(line.saturating_sub(1)).map(|l| l.len() + 1).sum();
    (line_start + column.saturating_sub(1)).min(bytes.len().saturating_sub(1))
}

fn strip_position(e: &serde_json::Error) -> String {
    let text = format!("{e}");
    match text.rfind(" at line ") {
        Some(i) => text[..i].into(),
        None => text,
    }
}

struct Strict<'a> {
    depth: usize,
    fault: &'a Cell<Fault>,
}

impl<'a> Strict<'a> {
    /// Called on entering an array or object at this seed's depth.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        if self.depth > MAX_JSON_DEPTH {
            self.fault.set(Fault::TooDeep);
            return Err(E::custom("too deep"));
        }
        Ok(())
    }

    fn nested(&self) -> Strict<'a> {
        Strict { depth: self.depth + 1, fault: self.fault }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.nested())? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            if map.contains_key(&name) {
                self.fault.set(Fault::Duplicate(name));
                return Err(de::Error::custom("duplicate member"));
            }
            let value = access.next_value_seed(self.nested())?;
            map.insert(name, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn accepts_an_object() {
        let m = parse_object(br#"{"a":[1,{"b":null}],"c":"\u00e9"}"#).unwrap();
        assert_eq!(m["c"], "é");
    }

    #[test]
    fn rejects_duplicates_with_offset() {
        let e = parse_object(br#"{"a":1,"a":2}"#).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Syntax);
        assert!(e.message.contains("has the member name \"a\" twice"), "{}", e.message);
        assert!((7..=10).contains(&e.offset), "{}", e.offset);
        // Escapes are decoded before comparing, so "\u0061" is "a".
        assert!(parse_object(br#"{"a":1,"\u0061":2}"#).is_err());
        assert!(parse_object(br#"{"x":{"a":1,"a":1}}"#).is_err());
    }

    #[test]
    fn depth_limit() {
        let ok = "[".repeat(MAX_JSON_DEPTH - 1) + &"]".repeat(MAX_JSON_DEPTH - 1);
        assert!(parse_object(format!("{{\"a\":{ok}}}").as_bytes()).is_ok());
        let deep = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        let e = parse_object(format!("{{\"a\":{deep}}}").as_bytes()).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::TooDeep);
        // Far deeper input still fails cleanly instead of overflowing the stack.
        let huge = "[".repeat(100_000);
        assert_eq!(parse_object(format!("{{\"a\":{huge}").as_bytes()).unwrap_err().kind, JsonErrorKind::TooDeep);
    }

    #[test]
    fn rejects_non_objects_bom_trailing_and_bad_utf8() {
        for bad in [&b"[]"[..], b"\"x\"", b"\xEF\xBB\xBF{}", b"{} x", b"{\"a\":\"\xff\"}", b"{\"a\":1,}", b""] {
            assert!(parse_object(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn offset_counts_lines() {
        let e = parse_object(b"{\n\"a\":\n tru}").unwrap_err();
        assert_eq!(&b"{\n\"a\":\n tru}"[e.offset..e.offset + 1], b"}".as_ref(), "{}", e.offset.to_string());
    }

    #[test]
    fn long_duplicate_names_are_shortened() {
        let name = "n".repeat(500);
        let e = parse_object(format!("{{\"{name}\":1,\"{name}\":2}}").as_bytes()).unwrap_err();
        assert!(e.message.len() < 120);
    }
}
