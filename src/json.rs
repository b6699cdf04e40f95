//! Strict JSON for headers and payloads: one JSON object, UTF-8 without a BOM,
//! no duplicate member names (RFC 7515 section 5.2 lets us reject them, and
//! accepting the last one is how parsers are played against each other), and
//! nesting no deeper than [`MAX_JSON_DEPTH`].
//!
//! serde_json does the parsing; a [`DeserializeSeed`] adds the duplicate and depth
//! rules and records which one fired, since serde errors only carry text.
//!
//! Two readers share those rules: [`parse_object`] builds the whole object (keys,
//! options, and on request a token's header or claims), while [`scan_object`] only
//! checks it and keeps the few top-level members verification reads. `verify` and
//! `decode` scan: a payload is checked without allocating a tree of its values.

use alloc::borrow::Cow;
use alloc::collections::BTreeSet;
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
    let fault = Cell::new(Fault::None);
    match run(bytes, Strict { depth: 1, fault: &fault }, &fault)? {
        Value::Object(map) => Ok(map),
        other => Err(JsonError {
            kind: JsonErrorKind::Syntax,
            offset: 0,
            message: format!("is {}, not a JSON object", type_name(&other)),
        }),
    }
}

/// Checks `text` as one strict JSON object and keeps its member names and the values
/// of the `wanted` names.
pub(crate) fn scan_object<'a>(text: &'a str, wanted: &[&'static str]) -> Result<Scanned<'a>, JsonError> {
    let fault = Cell::new(Fault::None);
    run(text.as_bytes(), TopLevel { wanted, fault: &fault }, &fault)?.map_err(|found| JsonError {
        kind: JsonErrorKind::Syntax,
        offset: 0,
        message: format!("is {found}, not a JSON object"),
    })
}

/// Runs one seed over the whole of `bytes`, turning the fault it records into a located error.
fn run<'de, S: DeserializeSeed<'de>>(bytes: &'de [u8], seed: S, fault: &Cell<Fault>) -> Result<S::Value, JsonError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(JsonError { kind: JsonErrorKind::Syntax, offset: 0, message: "starts with a byte order mark, which is not allowed".into() });
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v)).map_err(|e| describe(bytes, &e, fault.take()))
}

/// The member names of a checked JSON object, and the values of the names asked for.
#[derive(Debug)]
pub(crate) struct Scanned<'a> {
    names: BTreeSet<Cow<'a, str>>,
    values: Vec<(&'static str, Value)>,
}

/// Read access to an object's top-level members, by a built [`Map`] or a [`Scanned`] object.
pub(crate) trait Members {
    /// The member's value; for a [`Scanned`] object only if its name was wanted.
    fn get(&self, name: &str) -> Option<&Value>;
    /// Whether the object has a member of this name.
    fn contains_key(&self, name: &str) -> bool;
}

impl Members for Map<String, Value> {
    fn get(&self, name: &str) -> Option<&Value> {
        Map::get(self, name)
    }
    fn contains_key(&self, name: &str) -> bool {
        Map::contains_key(self, name)
    }
}

impl Members for Scanned<'_> {
    fn get(&self, name: &str) -> Option<&Value> {
        self.values.iter().find(|(wanted, _)| *wanted == name).map(|(_, value)| value)
    }
    fn contains_key(&self, name: &str) -> bool {
        self.names.contains(name)
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
        Fault::None => (JsonErrorKind::Syntax, format!("is not valid JSON: {}", syntax_fault(&bytes[..bytes.len().min(offset + 1)], e))),
    };
    JsonError { kind, offset, message }
}

/// serde_json's words for a syntax fault, but a lone surrogate named as one: serde_json
/// reports `"\ud800"` as "unexpected end of hex escape" and `"\udc00"` as a "lone leading
/// surrogate". `read` is the text up to and including the byte at fault.
fn syntax_fault(read: &[u8], e: &serde_json::Error) -> String {
    let text = strip_position(e);
    if !matches!(text.as_str(), "unexpected end of hex escape" | "lone leading surrogate in hex escape") {
        return text;
    }
    match last_surrogate_escape(read) {
        Some(escape) => format!("a lone UTF-16 surrogate ({escape}) is not a character; a surrogate escape must be followed by its pair"),
        None => "a lone UTF-16 surrogate is not a character; a surrogate escape must be followed by its pair".into(),
    }
}

/// The last `\uXXXX` escape in `read` that encodes a UTF-16 surrogate (D800 to DFFF).
fn last_surrogate_escape(read: &[u8]) -> Option<&str> {
    let is_surrogate = |hex: &[u8]| core::str::from_utf8(hex).ok().and_then(|hex| u16::from_str_radix(hex, 16).ok()).is_some_and(|n| (0xD800..=0xDFFF).contains(&n));
    let escape = read.windows(6).rev().find(|w| w.starts_with(b"\\u") && is_surrogate(&w[2..]))?;
    core::str::from_utf8(escape).ok()
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

/// Called on entering an array or object at `depth` (the top-level object is 1).
fn enter<E: de::Error>(depth: usize, fault: &Cell<Fault>) -> Result<(), E> {
    if depth > MAX_JSON_DEPTH {
        fault.set(Fault::TooDeep);
        return Err(E::custom("too deep"));
    }
    Ok(())
}

struct Strict<'a> {
    depth: usize,
    fault: &'a Cell<Fault>,
}

impl<'a> Strict<'a> {
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        enter(self.depth, self.fault)
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

/// Records a member name, failing on a repeat.
fn note_name<'a, E: de::Error>(names: &mut BTreeSet<Cow<'a, str>>, name: Cow<'a, str>, fault: &Cell<Fault>) -> Result<(), E> {
    if names.contains(&name) {
        fault.set(Fault::Duplicate(name.into_owned()));
        return Err(E::custom("duplicate member"));
    }
    names.insert(name);
    Ok(())
}

/// A member name, borrowed from the input unless it has escapes.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Cow<'de, str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Name {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.into()))
    }
}

/// The top-level object of a scan, or the JSON type the text is instead.
struct TopLevel<'w, 'f> {
    wanted: &'w [&'static str],
    fault: &'f Cell<Fault>,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_, '_> {
    type Value = Result<Scanned<'de>, &'static str>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_, '_> {
    type Value = Result<Scanned<'de>, &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Checked { depth: 1, fault: self.fault }.visit_seq(seq)?;
        Ok(Err("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut scanned = Scanned { names: BTreeSet::new(), values: Vec::new() };
        while let Some(name) = access.next_key_seed(Name)? {
            let wanted = self.wanted.iter().find(|w| **w == name).copied();
            note_name(&mut scanned.names, name, self.fault)?;
            match wanted {
                Some(wanted) => scanned.values.push((wanted, access.next_value_seed(Strict { depth: 2, fault: self.fault })?)),
                None => access.next_value_seed(Checked { depth: 2, fault: self.fault })?,
            }
        }
        Ok(Ok(scanned))
    }
}

/// Checks a value under the strict rules and keeps nothing of it.
struct Checked<'f> {
    depth: usize,
    fault: &'f Cell<Fault>,
}

impl<'de> DeserializeSeed<'de> for Checked<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Checked<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        enter(self.depth, self.fault)?;
        while seq.next_element_seed(Checked { depth: self.depth + 1, fault: self.fault })?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        enter(self.depth, self.fault)?;
        let mut names = BTreeSet::new();
        while let Some(name) = access.next_key_seed(Name)? {
            note_name(&mut names, name, self.fault)?;
            access.next_value_seed(Checked { depth: self.depth + 1, fault: self.fault })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn lone_surrogates_are_named() {
        for (text, escape) in [
            (r#"{"a":"\ud800"}"#, "\\ud800"),
            (r#"{"a":"\udc00"}"#, "\\udc00"),
            (r#"{"a":"x\uD800y"}"#, "\\uD800"),
            (r#"{"a":"\ud800\u0041"}"#, "\\ud800"),
            (r#"{"\udfff":1}"#, "\\udfff"),
        ] {
            let expected = format!("is not valid JSON: a lone UTF-16 surrogate ({escape}) is not a character; a surrogate escape must be followed by its pair");
            assert_eq!(parse_object(text.as_bytes()).unwrap_err().message, expected, "{text}");
            assert_eq!(scan_object(text, &[]).unwrap_err().message, expected, "{text}");
        }
        // A pair is one character; other escape faults keep serde_json's words.
        assert_eq!(parse_object(br#"{"a":"\ud83d\ude00"}"#).unwrap()["a"], "\u{1f600}");
        assert_eq!(parse_object(br#"{"a":"\x"}"#).unwrap_err().message, "is not valid JSON: invalid escape");
    }

    #[test]
    fn offset_counts_lines() {
        let e = parse_object(b"{\n\"a\":\n tru}").unwrap_err();
        assert_eq!(&b"{\n\"a\":\n tru}"[e.offset..e.offset + 1], b"}".as_ref(), "{}", e.offset);
    }

    #[test]
    fn scan_keeps_wanted_values_and_every_name() {
        let text = r#"{"exp":5,"x":{"deep":[1,{"a":"b"}]},"iss":"me","e\u0078p2":true}"#;
        let scanned = scan_object(text, &["exp", "iss", "aud"]).unwrap();
        assert_eq!((scanned.get("exp"), scanned.get("iss").and_then(Value::as_str)), (Some(&Value::from(5)), Some("me")));
        assert!(scanned.get("x").is_none() && scanned.get("aud").is_none());
        assert!(scanned.contains_key("x") && scanned.contains_key("exp2") && !scanned.contains_key("aud"));
    }

    #[test]
    fn scan_applies_every_strict_rule() {
        // Duplicates at the top, in nested members it does not keep, and through escapes.
        for text in [r#"{"a":1,"a":2}"#, r#"{"x":{"b":1,"b":2}}"#, r#"{"x":[{"b":1,"\u0062":2}]}"#, r#"{"a":1,"\u0061":1}"#] {
            let e = scan_object(text, &["a"]).unwrap_err();
            assert!(e.message.contains("twice"), "{text}: {}", e.message);
        }
        let deep = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        assert_eq!(scan_object(&format!("{{\"x\":{deep}}}"), &[]).unwrap_err().kind, JsonErrorKind::TooDeep);
        let ok = "[".repeat(MAX_JSON_DEPTH - 1) + &"]".repeat(MAX_JSON_DEPTH - 1);
        assert!(scan_object(&format!("{{\"x\":{ok}}}"), &[]).is_ok());
        assert_eq!(scan_object("[1]", &[]).unwrap_err().message, "is an array, not a JSON object");
        for bad in ["{\"a\":1,}", "{} x", "\u{feff}{}", "{\"a\":\"\\ud800\"}", ""] {
            assert!(scan_object(bad, &[]).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn scan_and_parse_agree_on_offsets() {
        for text in [r#"{"a":1,"a":2}"#, "{\n\"a\":\n tru}", r#"{"a":[1,2,}"#] {
            assert_eq!(scan_object(text, &[]).unwrap_err().offset, parse_object(text.as_bytes()).unwrap_err().offset, "{text}");
        }
    }

    #[test]
    fn long_duplicate_names_are_shortened() {
        let name = "n".repeat(500);
        let e = parse_object(format!("{{\"{name}\":1,\"{name}\":2}}").as_bytes()).unwrap_err();
        assert!(e.message.len() < 120);
    }
}
