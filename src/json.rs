//! Strict JSON for headers, payloads, keys and options: one JSON object, UTF-8
//! without a BOM, no duplicate member names (RFC 7515 section 5.2 lets us reject them,
//! and accepting the last one is how parsers are played against each other), numbers
//! that fit an `f64`, and nesting no deeper than [`MAX_JSON_DEPTH`].
//!
//! Written by hand rather than with serde_json: checking a token's payload allocates
//! nothing but the values verification reads, and the wasm carries no serde machinery,
//! float printing or `BTreeMap`. Its fault messages use serde_json's words ("trailing
//! comma", "expected ident"), which the page explains.
//!
//! Two readers share the rules: the recursive [`Parser`] builds the whole object and
//! locates and describes faults ([`parse_object`], for keys and options), while
//! [`locate_members`] checks text that is right in one loop and finds where the few
//! top-level members verification reads start, handing anything else to the parser. [`Reader`] is the
//! lexer both use, and the lenient key-text detector too.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::text;

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

/// A JSON value. Numbers keep their text: they are written back exactly as read, and
/// converted only when asked for.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number's text, checked against the grammar and finite as an `f64`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Number(String);

impl Number {
    fn is_integer(&self) -> bool {
        !self.0.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'))
    }
    pub fn as_f64(&self) -> f64 {
        number_value(&self.0)
    }
    /// As serde_json: only a number written without fraction or exponent is an integer.
    #[cfg(feature = "sign")]
    pub fn as_i64(&self) -> Option<i64> {
        self.is_integer().then(|| self.0.parse().ok()).flatten()
    }
    pub fn as_u64(&self) -> Option<u64> {
        self.is_integer().then(|| self.0.parse().ok()).flatten()
    }
}

/// A JSON object's members in their order; names are unique when it comes from the parser.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Self {
        Self(Vec::new())
    }
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// Sets a member, replacing one of the same name in its place.
    pub fn insert(&mut self, name: String, value: Value) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, old)) => *old = value,
            None => self.0.push((name, value)),
        }
    }
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.remove(at).1)
    }
    #[cfg(feature = "sign")]
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(n, v)| (n, v))
    }
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(n, _)| n)
    }
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.0.iter_mut().map(|(_, v)| v)
    }
    /// Orders the members by name, as the header and JWK writers emit them.
    pub fn sort_by_name(&mut self) {
        // Insertion sort: a header or JWK has a dozen members, and this adds no sort code to the wasm.
        for i in 1..self.0.len() {
            let mut j = i;
            while j > 0 && self.0[j - 1].0 > self.0[j].0 {
                self.0.swap(j - 1, j);
                j -= 1;
            }
        }
    }
    /// The object's JSON text.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        write_object(&mut out, self);
        out
    }
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }
    #[cfg(feature = "sign")]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        let mut text = String::new();
        push_integer(&mut text, n);
        Value::Number(Number(text))
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Self {
        Value::Object(map)
    }
}

impl FromIterator<Value> for Value {
    fn from_iter<I: IntoIterator<Item = Value>>(items: I) -> Self {
        Value::Array(items.into_iter().collect())
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

/// Parses `bytes` as one strict JSON object.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map, JsonError> {
    let text = core::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        JsonError { kind: JsonErrorKind::Syntax, offset: at, message: message!("is not UTF-8 (byte ", at, ")") }
    })?;
    parse_text(text)
}

/// [`parse_object`] of text.
fn parse_text(text: &str) -> Result<Map, JsonError> {
    let mut parser = Parser::start(text)?;
    let value = parser.value(1)?;
    parser.end()?;
    match value {
        Value::Object(map) => Ok(map),
        other => Err(not_an_object(type_name(&other))),
    }
}

/// `object` (JSON object text, or none) with the member `name` set to `value`, for the
/// options builders. Text that is not an object is left as it is, for signing to refuse.
#[cfg(feature = "sign")]
pub(crate) fn with_member(object: Option<String>, name: String, value: Value) -> Option<String> {
    let mut map = match object.as_deref().map(|text| parse_object(text.as_bytes())) {
        None => Map::new(),
        Some(Ok(map)) => map,
        Some(Err(_)) => return object,
    };
    map.insert(name, value);
    Some(map.to_json())
}

/// A checked JSON object: where the values of the names asked for start, and its text,
/// where the rare question of another name's presence is answered (nothing is kept for it).
#[derive(Debug, PartialEq)]
pub(crate) struct Scanned<'a> {
    text: &'a str,
    wanted: &'static [&'static str],
    /// Bit `i` is set when `wanted[i]` is a member.
    present: u8,
    /// Where the values of the wanted members start.
    starts: [usize; MAX_WANTED],
}

/// The most names a [`locate_members`] call may want.
const MAX_WANTED: usize = 8;

impl<'a> Scanned<'a> {
    fn new(text: &'a str, wanted: &'static [&'static str]) -> Self {
        debug_assert!(wanted.len() <= MAX_WANTED);
        Scanned { text, wanted, present: 0, starts: [0; MAX_WANTED] }
    }

    /// A reader at the value of `wanted[at]`.
    pub fn located(&self, at: usize) -> Option<Reader<'a>> {
        let start = *self.starts.get(at)?;
        (self.present & 1 << at != 0).then_some(Reader { text: self.text, pos: start })
    }

    /// The value of `wanted[at]`, to be read when asked.
    pub fn member(&self, at: usize) -> Option<Located<'a>> {
        self.located(at).map(Located)
    }

    /// Where `name` is among the wanted names.
    fn wanted_at(&self, name: &str) -> Option<usize> {
        self.wanted.iter().take(MAX_WANTED).position(|w| same(w, name))
    }

    /// Where the value of `wanted[at]` starts.
    fn found_at(&mut self, at: usize, start: usize) {
        self.starts[at] = start;
        self.present |= 1 << at;
    }
}

/// Checks `text` as one strict JSON object, and finds where the values of the `wanted`
/// top-level names start without building them ([`Scanned::member`]): for a caller that
/// keeps the text, and reads them from it when asked.
pub(crate) fn locate_members<'a>(text: &'a str, wanted: &'static [&'static str]) -> Result<Scanned<'a>, JsonError> {
    match scan_quickly(Scanned::new(text, wanted)) {
        Some(scanned) => Ok(scanned),
        None => scan_carefully(text, wanted),
    }
}

/// [`locate_members`] by the recursive [`Parser`], which locates and describes a fault,
/// then a second walk for the wanted members (only text that is wrong, or right but rare,
/// such as escaped names, comes here).
fn scan_carefully<'a>(text: &'a str, wanted: &'static [&'static str]) -> Result<Scanned<'a>, JsonError> {
    parse_text(text)?;
    let mut scanned = Scanned::new(text, wanted);
    let mut found: [Option<Reader>; MAX_WANTED] = Default::default();
    member_values(text, wanted, &mut found);
    for (at, reader) in found.iter().enumerate() {
        if let Some(reader) = reader {
            scanned.found_at(at, reader.pos);
        }
    }
    Ok(scanned)
}

/// [`locate_members`] for text that is right, in one loop over it: no recursion, no
/// values built, no error described. `None` at the first fault of any kind, for
/// `locate_members` to read the text again with the recursive [`Parser`], which says
/// what the fault is and where. It accepts what the parser accepts and nothing more: the
/// same lexer ([`Reader`]), depth limit and duplicate check ([`first_repeat`]). It also
/// leaves to the parser the rare objects it would need the heap for: member names with
/// escapes, and more than [`QUICK_NAMES`] names in the objects open at once.
fn scan_quickly(mut scanned: Scanned<'_>) -> Option<Scanned<'_>> {
    let text = scanned.text;
    let mut reader = Reader::new(text);
    // The names of the open objects, outermost first, with their offsets.
    let (mut names, mut name_count) = ([("", 0); QUICK_NAMES], 0);
    // The open arrays and objects: bit `d - 1` of `objects` is set when the one at depth
    // `d` is an object, whose names start at `first_names[d - 1]`.
    const _: () = assert!(MAX_JSON_DEPTH <= 64);
    let (mut depth, mut objects, mut first_names) = (0, 0u64, [0u8; MAX_JSON_DEPTH]);
    reader.skip_blanks();
    if reader.peek() != Some(b'{') {
        return None;
    }
    // Whether a value comes next (else a comma or a closing bracket); then, whether it is
    // an object member's, whose name is read first.
    let (mut value_next, mut member_next) = (true, false);
    loop {
        if member_next {
            member_next = false;
            reader.skip_blanks();
            if reader.peek() != Some(b'"') {
                return None;
            }
            let at = reader.pos;
            let name = reader.plain_string()?;
            reader.skip_blanks();
            if reader.peek() != Some(b':') {
                return None;
            }
            reader.pos += 1;
            reader.skip_blanks();
            if let Some(at) = if depth == 1 { scanned.wanted_at(name) } else { None } {
                scanned.found_at(at, reader.pos);
            }
            value_next = true;
            *names.get_mut(name_count)? = (name, at);
            name_count += 1;
        }
        reader.skip_blanks();
        if value_next {
            match reader.peek()? {
                open @ (b'{' | b'[') => {
                    if depth == MAX_JSON_DEPTH {
                        return None;
                    }
                    reader.pos += 1;
                    depth += 1;
                    let object = open == b'{';
                    objects = objects & !(1 << (depth - 1)) | u64::from(object) << (depth - 1);
                    first_names[depth - 1] = name_count as u8;
                    reader.skip_blanks();
                    let empty = reader.peek() == Some(if object { b'}' } else { b']' });
                    (value_next, member_next) = (!empty && !object, !empty && object);
                    continue;
                }
                b'"' => {
                    if reader.plain_string().is_none() {
                        reader.string().ok()?;
                    }
                }
                b'-' | b'0'..=b'9' => drop(reader.number().ok()?),
                first => {
                    let word: &[u8] = match first {
                        b't' => b"true",
                        b'f' => b"false",
                        b'n' => b"null",
                        _ => return None,
                    };
                    if !text.as_bytes()[reader.pos..].starts_with(word) {
                        return None;
                    }
                    reader.pos += word.len();
                }
            }
            value_next = false;
            continue;
        }
        if depth == 0 {
            return reader.peek().is_none().then_some(scanned);
        }
        let object = objects >> (depth - 1) & 1 == 1;
        match (reader.peek()?, object) {
            (b',', _) => (value_next, member_next) = (!object, object),
            (b'}', true) => {
                let first = usize::from(first_names[depth - 1]);
                if first_repeat(&names[first..name_count]).is_some() {
                    return None;
                }
                name_count = first;
                depth -= 1;
            }
            (b']', false) => depth -= 1,
            _ => return None,
        }
        reader.pos += 1;
    }
}

/// A top-level member's value in checked text (a [`locate_members`] scan's), read in
/// place when asked: nothing is built but a string with escapes.
#[derive(Clone)]
pub(crate) struct Located<'a>(Reader<'a>);

impl<'a> Located<'a> {
    /// The value's JSON type in words ([`type_name`]'s), from its first byte.
    pub fn type_name(&self) -> &'static str {
        match self.0.peek() {
            Some(b'"') => "a string",
            Some(b'[') => "an array",
            Some(b'{') => "an object",
            Some(b'n') => "null",
            Some(b't' | b'f') => "a boolean",
            _ => "a number",
        }
    }

    pub fn is_string(&self) -> bool {
        self.0.peek() == Some(b'"')
    }

    pub fn number(&self) -> Option<f64> {
        matches!(self.0.peek()?, b'-' | b'0'..=b'9').then(|| self.0.clone().number().ok().map(number_value)).flatten()
    }

    /// The string, borrowed from the text unless it has escapes.
    pub fn string(&self) -> Option<Cow<'a, str>> {
        self.is_string().then(|| self.0.clone().string().ok()).flatten()
    }

    /// The items of an array whose items are all strings; `None` for any other value.
    pub fn strings(&self) -> Option<impl Iterator<Item = Cow<'a, str>>> {
        let items = StringItems(self.0.clone());
        (self.0.peek() == Some(b'[') && items.clone().all(|item| item.is_some())).then(|| items.flatten())
    }
}

/// The items of an array of checked text (the reader at its `[`): each a string, or `None`
/// for an item of another type.
#[derive(Clone)]
struct StringItems<'a>(Reader<'a>);

impl<'a> Iterator for StringItems<'a> {
    type Item = Option<Cow<'a, str>>;

    fn next(&mut self) -> Option<Self::Item> {
        let reader = &mut self.0;
        reader.skip_blanks();
        // At the `[`, or at the `,` after an item; a `]` (or anything else) ends the array.
        matches!(reader.peek()?, b'[' | b',').then(|| reader.pos += 1)?;
        reader.skip_blanks();
        match reader.peek()? {
            b']' => None,
            b'"' => Some(reader.string().ok()),
            _ => reader.skip_value(MAX_JSON_DEPTH).map(|()| None),
        }
    }
}

fn not_an_object(found: &str) -> JsonError {
    JsonError { kind: JsonErrorKind::Syntax, offset: 0, message: message!("is ", found, ", not a JSON object") }
}

/// Readers at the values of the top-level members `names` of an object [`locate_members`]
/// accepted, into `found` (left `None` for a name it lacks), in one walk over it. For
/// the questions asked after a scan, which keeps nothing for them.
pub(crate) fn member_values<'t>(text: &'t str, names: &[&str], found: &mut [Option<Reader<'t>>]) {
    let mut reader = Reader::new(text);
    reader.skip_blanks();
    reader.pos += 1;
    loop {
        reader.skip_blanks();
        if reader.peek() != Some(b'"') {
            return;
        }
        let member = match reader.plain_string() {
            Some(plain) => Cow::Borrowed(plain),
            None => match reader.string() {
                Ok(member) => member,
                Err(_) => return,
            },
        };
        reader.skip_blanks();
        reader.pos += 1;
        reader.skip_blanks();
        if let Some(at) = names.iter().position(|name| same(name, &member)) {
            found[at] = Some(reader.clone());
        }
        if reader.skip_value(MAX_JSON_DEPTH).is_none() {
            return;
        }
        reader.skip_blanks();
        reader.pos += 1;
    }
}

/// Read access to an object's top-level members, by a built [`Map`] or a [`Scanned`] object.
pub(crate) trait Members {
    /// The member's value; for a [`Scanned`] object only if its name was wanted, built
    /// when asked.
    fn get(&self, name: &str) -> Option<Cow<'_, Value>>;
    /// Whether the object has a member of this name.
    fn contains_key(&self, name: &str) -> bool;
}

impl Members for Map {
    fn get(&self, name: &str) -> Option<Cow<'_, Value>> {
        Map::get(self, name).map(Cow::Borrowed)
    }
    fn contains_key(&self, name: &str) -> bool {
        Map::contains_key(self, name)
    }
}

impl Members for Scanned<'_> {
    fn get(&self, name: &str) -> Option<Cow<'_, Value>> {
        self.located(self.wanted_at(name)?)?.wanted_value().map(Cow::Owned)
    }
    fn contains_key(&self, name: &str) -> bool {
        match self.wanted_at(name) {
            Some(at) => self.present & 1 << at != 0,
            None => {
                let mut found = [None];
                member_values(self.text, &[name], &mut found);
                found[0].is_some()
            }
        }
    }
}

/// Whether two names are the same, byte by byte: names are short, and a `memcmp` call
/// per pair cost more than the comparison (the duplicate check and the wanted names).
#[inline(always)]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// Objects with more members than this find duplicates by sorting, not pairwise.
const PAIRWISE_NAMES: usize = 16;

/// How many names the objects open at once may have for [`scan_quickly`] (which counts
/// them in a `u8`).
const QUICK_NAMES: usize = 32;
const _: () = assert!(QUICK_NAMES <= u8::MAX as usize);

/// The name (with its offset) that repeats an earlier one of the same object, the one
/// that comes first in the text if several do (also a JWKS's repeated `kid`, with the
/// key's index as offset).
pub(crate) fn first_repeat<N: AsRef<str>>(names: &[(N, usize)]) -> Option<(&str, usize)> {
    let name = |i: usize| names[i].0.as_ref();
    if names.len() <= PAIRWISE_NAMES {
        (1..names.len()).find(|&j| (0..j).any(|i| same(name(i), name(j)))).map(|j| (name(j), names[j].1))
    } else {
        repeat_among(names.iter().map(|(name, at)| (name.as_ref(), *at)).collect())
    }
}

/// [`first_repeat`] of many names, by sorting them by name, then offset: a repeat is then
/// next to the name it repeats.
fn repeat_among(mut names: Vec<(&str, usize)>) -> Option<(&str, usize)> {
    heapsort(&mut names);
    names.windows(2).filter(|pair| same(pair[0].0, pair[1].0)).map(|pair| pair[1]).min_by_key(|&(_, at)| at)
}

/// Sorts in place in O(n log n) time, without allocating: a tenth of the code of the
/// library's sort (about 3 KB of wasm), and only objects of over [`PAIRWISE_NAMES`] names
/// come here.
fn heapsort<T: Ord>(items: &mut [T]) {
    // A max-heap, whose top then goes to the end of what is left of it, one at a time.
    for node in (0..items.len() / 2).rev() {
        sift_down(items, node);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(&mut items[..end], 0);
    }
}

/// Moves `heap[node]` down until it is no smaller than its children.
fn sift_down<T: Ord>(heap: &mut [T], mut node: usize) {
    loop {
        let mut child = 2 * node + 1;
        if child >= heap.len() {
            return;
        }
        if child + 1 < heap.len() && heap[child] < heap[child + 1] {
            child += 1;
        }
        if heap[node] >= heap[child] {
            return;
        }
        heap.swap(node, child);
        node = child;
    }
}

struct Parser<'t> {
    reader: Reader<'t>,
    /// The names of the members of every object being read, innermost last, with the
    /// offset of each name: the duplicate check of an object looks at its own run.
    names: Vec<(Cow<'t, str>, usize)>,
}

impl<'t> core::ops::Deref for Parser<'t> {
    type Target = Reader<'t>;
    fn deref(&self) -> &Reader<'t> {
        &self.reader
    }
}

impl core::ops::DerefMut for Parser<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.reader
    }
}

impl<'t> Parser<'t> {
    fn start(text: &'t str) -> Result<Self, JsonError> {
        if text.starts_with('\u{feff}') {
            return Err(JsonError { kind: JsonErrorKind::Syntax, offset: 0, message: "starts with a byte order mark, which is not allowed".into() });
        }
        Ok(Parser { reader: Reader::new(text), names: Vec::with_capacity(16) })
    }

    /// After the value: only blanks may follow.
    fn end(&mut self) -> Result<(), JsonError> {
        self.skip_blanks();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.syntax_here("trailing characters")),
        }
    }

    /// One value at `depth`.
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.skip_blanks();
        Ok(match self.peek() {
            None => return Err(self.syntax_here("EOF while parsing a value")),
            Some(b'{') => {
                let mut map = Map::new();
                self.object_members(depth, |parser, name| {
                    map.0.push((name.into(), parser.value(depth + 1)?));
                    Ok(())
                })?;
                Value::Object(map)
            }
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?.into_owned()),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(Number(self.number()?.into())),
            Some(_) => return Err(self.syntax_here("expected value")),
        })
    }

    fn enter(&self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_JSON_DEPTH {
            return Err(JsonError { kind: JsonErrorKind::TooDeep, offset: self.pos, message: message!("nests deeper than ", MAX_JSON_DEPTH, " levels") });
        }
        Ok(())
    }

    /// Reads an object at `depth`, handing each member's name to `member`, which reads the value.
    fn object_members(&mut self, depth: usize, mut member: impl FnMut(&mut Self, &str) -> Result<(), JsonError>) -> Result<(), JsonError> {
        self.enter(depth)?;
        self.pos += 1;
        let first_name = self.names.len();
        self.skip_blanks();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_blanks();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.syntax_here("trailing comma")),
                None => return Err(self.syntax_here("EOF while parsing an object")),
                Some(_) => return Err(self.syntax_here("key must be a string")),
            }
            let at = self.pos;
            let name = self.string()?;
            self.skip_blanks();
            match self.peek() {
                Some(b':') => self.pos += 1,
                None => return Err(self.syntax_here("EOF while parsing an object")),
                Some(_) => return Err(self.syntax_here("expected `:`")),
            }
            member(self, &name)?;
            self.names.push((name, at));
            self.skip_blanks();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                None => return Err(self.syntax_here("EOF while parsing an object")),
                Some(_) => return Err(self.syntax_here("expected `,` or `}`")),
            }
        }
        self.pos += 1;
        self.refuse_duplicates(first_name)?;
        // A nested object's names are done with (the top-level object's end the parse).
        if depth > 1 {
            self.names.truncate(first_name);
        }
        Ok(())
    }

    /// Refuses a name that the object (the names from `first`) has twice, reporting the
    /// repeat that comes first in the text.
    fn refuse_duplicates(&self, first: usize) -> Result<(), JsonError> {
        match first_repeat(&self.names[first..]) {
            None => Ok(()),
            Some((name, at)) => Err(JsonError {
                kind: JsonErrorKind::Syntax,
                offset: at,
                message: message!("has the member name \"", crate::error::quoted(name), "\" twice"),
            }),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_blanks();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_blanks();
            if self.peek() == Some(b']') {
                return Err(self.syntax_here("trailing comma"));
            }
            items.push(self.value(depth + 1)?);
            self.skip_blanks();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                None => return Err(self.syntax_here("EOF while parsing a list")),
                Some(_) => return Err(self.syntax_here("expected `,` or `]`")),
            }
        }
        self.pos += 1;
        Ok(Value::Array(items))
    }
}

/// The JSON lexer: blanks, strings, numbers and literals, strictly. The key-text
/// detector uses it directly to read JSON leniently (duplicates allowed, any depth it chooses).
#[derive(Clone)]
pub(crate) struct Reader<'t> {
    text: &'t str,
    pub pos: usize,
}

impl<'t> Reader<'t> {
    pub fn new(text: &'t str) -> Self {
        Reader { text, pos: 0 }
    }

    pub fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips JSON's four blanks: space, tab, line feed, carriage return.
    pub fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn syntax_at(&self, offset: usize, why: &str) -> JsonError {
        // At the end of the text, the fault is the last byte (as serde_json counted it).
        let offset = offset.min(self.text.len().saturating_sub(1));
        JsonError { kind: JsonErrorKind::Syntax, offset, message: message!("is not valid JSON: ", why) }
    }

    fn syntax_here(&self, why: &str) -> JsonError {
        self.syntax_at(self.pos, why)
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        for &expected in word.as_bytes() {
            if self.peek() != Some(expected) {
                return Err(self.syntax_here(if self.peek().is_none() { "EOF while parsing a value" } else { "expected ident" }));
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// A number's text, checked against the grammar (RFC 8259 section 6) and refused when
    /// it overflows an `f64` (`1e400`), which JavaScript would read as `Infinity`.
    pub fn number(&mut self) -> Result<&'t str, JsonError> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.pos += 1;
            }
            r.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if self.peek().is_some_and(|b| b.is_ascii_digit()) {
                    return Err(self.syntax_here("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.syntax_here("invalid number")),
        }
        let mut plain = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            plain = false;
            if digits(self) == 0 {
                return Err(self.syntax_here("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            plain = false;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.syntax_here("invalid number"));
            }
        }
        let text = text::sub(self.text, start..self.pos);
        // Up to 300 plain digits always fit; anything else is checked by converting it.
        let fits = plain && text.len() <= 300;
        if !fits && !number_value(text).is_finite() {
            return Err(self.syntax_at(start, "number out of range"));
        }
        Ok(text)
    }

    /// A string without escapes (at its opening quote), which is most of them; `None`, the
    /// reader left where it was, for any other value (a string to be read by [`Self::string`]).
    pub fn plain_string(&mut self) -> Option<&'t str> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.pos + 1;
        let end = start + plain_run(&self.text.as_bytes()[start..]);
        (self.text.as_bytes().get(end) == Some(&b'"')).then(|| {
            self.pos = end + 1;
            text::sub(self.text, start..end)
        })
    }

    /// A string (at its opening quote), borrowed from the text unless it has escapes.
    pub fn string(&mut self) -> Result<Cow<'t, str>, JsonError> {
        self.pos += 1;
        let start = self.pos;
        let bytes = self.text.as_bytes();
        self.pos += plain_run(&bytes[start..]);
        match bytes.get(self.pos) {
            None => return Err(self.syntax_here("EOF while parsing a string")),
            Some(b'"') => {
                self.pos += 1;
                return Ok(Cow::Borrowed(text::sub(self.text, start..self.pos - 1)));
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.syntax_here("control character (\\u0000-\\u001F) found while parsing a string")),
        }
        let mut out = String::from(text::sub(self.text, start..self.pos));
        loop {
            let run = self.pos;
            self.pos += plain_run(&bytes[run..]);
            out.push_str(text::sub(self.text, run..self.pos));
            match bytes.get(self.pos) {
                None => return Err(self.syntax_here("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.syntax_here("control character (\\u0000-\\u001F) found while parsing a string")),
            }
        }
    }

    /// One escape (at its backslash), appended to `out` decoded.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                let c = match unit {
                    0xD800..=0xDBFF if self.text.as_bytes()[self.pos..].starts_with(b"\\u") => {
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.lone_surrogate(at));
                        }
                        char::from_u32(0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00))
                    }
                    _ => char::from_u32(u32::from(unit)),
                };
                out.push(c.ok_or_else(|| self.lone_surrogate(at))?);
                return Ok(());
            }
            None => return Err(self.syntax_here("EOF while parsing a string")),
            Some(_) => return Err(self.syntax_here("invalid escape")),
        };
        out.push(c);
        self.pos += 1;
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, JsonError> {
        let hex = self.text.as_bytes().get(self.pos..self.pos + 4).ok_or_else(|| self.syntax_at(self.text.len(), "EOF while parsing a string"))?;
        let mut unit = 0u16;
        for (i, &b) in hex.iter().enumerate() {
            let digit = (b as char).to_digit(16).ok_or_else(|| self.syntax_at(self.pos + i, "invalid escape"))?;
            unit = unit << 4 | digit as u16;
        }
        self.pos += 4;
        Ok(unit)
    }

    /// A `\uXXXX` surrogate (at `at`) without its pair: named, since it is not a character.
    fn lone_surrogate(&self, at: usize) -> JsonError {
        let escape = self.text.get(at..at + 6).unwrap_or("\\u");
        let why = message!("a lone UTF-16 surrogate (", escape, ") is not a character; a surrogate escape must be followed by its pair");
        self.syntax_at(at, &why)
    }

    /// A wanted top-level member's value (at its first byte), built: a string by the
    /// lexer (most are), anything else by the [`Parser`]. `None` if it is malformed.
    fn wanted_value(mut self) -> Option<Value> {
        if let Some(text) = self.plain_string() {
            return Some(Value::String(text.into()));
        }
        Parser { reader: self, names: Vec::new() }.value(2).ok()
    }

    /// Skips one value without checking duplicate names; `None` if it is malformed or
    /// nests deeper than `max_depth`.
    pub fn skip_value(&mut self, max_depth: usize) -> Option<()> {
        self.skip_blanks();
        match self.peek()? {
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                if max_depth == 0 {
                    return None;
                }
                self.pos += 1;
                self.skip_blanks();
                if self.peek() == Some(close) {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    if open == b'{' {
                        self.skip_blanks();
                        (self.peek() == Some(b'"')).then_some(())?;
                        self.string().ok()?;
                        self.skip_blanks();
                        (self.peek() == Some(b':')).then_some(())?;
                        self.pos += 1;
                    }
                    self.skip_value(max_depth - 1)?;
                    self.skip_blanks();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b if b == close => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().ok().map(drop),
            b't' => self.literal("true", Value::Null).ok().map(drop),
            b'f' => self.literal("false", Value::Null).ok().map(drop),
            b'n' => self.literal("null", Value::Null).ok().map(drop),
            _ => self.number().ok().map(drop),
        }
    }
}

/// The length of the run of plain string text at the start of `bytes`: up to the first
/// `"`, `\\` or control byte (below 0x20), or all of it.
fn plain_run(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| ENDS_PLAIN_RUN[usize::from(b)]).unwrap_or(bytes.len())
}

/// The bytes [`plain_run`] stops at: one load per byte instead of three comparisons.
const ENDS_PLAIN_RUN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b < 0x20 || b == b'"' as usize || b == b'\\' as usize;
        b += 1;
    }
    table
};

/// Powers of ten that an `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/// The value of a number's text, already checked against the JSON grammar. Correctly
/// rounded when its digits fit in 2^53 and its decimal exponent in ±22 (Clinger's fast
/// path), which covers every time and option value in practice (`1700000000.123` is
/// 1700000000123 / 10^3); otherwise within a few units in the last place. Written here
/// rather than with `str::parse`, whose correctly rounded slow path brings 14 KB of
/// tables and code into the wasm for numbers no token needs.
fn number_value(text: &str) -> f64 {
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let (mut mantissa, mut exponent) = (0u64, 0i64);
    let mut digit = |d: u8, fraction: bool, exponent: &mut i64| {
        // Digits past the 19th cannot change an f64; they only scale the value.
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + u64::from(d - b'0');
            *exponent -= i64::from(fraction);
        } else {
            *exponent += i64::from(!fraction);
        }
    };
    while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
        digit(d, false, &mut exponent);
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
            digit(d, true, &mut exponent);
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        let sign = if bytes.get(i) == Some(&b'-') { -1 } else { 1 };
        i += usize::from(matches!(bytes.get(i), Some(b'+' | b'-')));
        let mut written = 0i64;
        while let Some(&d @ b'0'..=b'9') = bytes.get(i) {
            written = (written * 10 + i64::from(d - b'0')).min(100_000);
            i += 1;
        }
        exponent += sign * written;
    }
    let mut value = mantissa as f64;
    if mantissa != 0 {
        let power = |e: i64| EXACT_POWERS_OF_TEN[e as usize];
        if mantissa <= 1 << 53 && (-22..=22).contains(&exponent) {
            value = if exponent >= 0 { value * power(exponent) } else { value / power(-exponent) };
        } else {
            // Beyond ±800 every mantissa overflows or vanishes; the bound keeps the loops short.
            exponent = exponent.clamp(-800, 800);
            while exponent > 22 {
                value *= 1e22;
                exponent -= 22;
            }
            while exponent < -22 {
                value /= 1e22;
                exponent += 22;
            }
            value = if exponent >= 0 { value * power(exponent) } else { value / power(-exponent) };
        }
    }
    if negative { -value } else { value }
}

/// Appends `s` as a JSON string, quoted and escaped.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text::sub(s, run..i));
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(text::sub(s, run..));
    out.push('"');
}

/// Appends a value's JSON text.
pub(crate) fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.0),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(out, map),
    }
}

fn write_object(out: &mut String, map: &Map) {
    out.push('{');
    for (i, (name, value)) in map.0.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_value(out, value);
    }
    out.push('}');
}

/// Appends an integer in decimal, without `core::fmt`.
pub(crate) fn push_integer(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_decimal(out, n.unsigned_abs());
}

/// A number in decimal, without `core::fmt`.
pub(crate) fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n);
    out
}

/// Appends `n` in decimal to `out`.
fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // ASCII digits: always UTF-8.
    out.push_str(core::str::from_utf8(&digits[at..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn accepts_an_object() {
        let m = parse_object(br#"{"a":[1,{"b":null}],"c":"\u00e9","d":-0.5e-3,"e":true}"#).unwrap();
        assert_eq!(m.get("c").and_then(Value::as_str), Some("é"));
        assert_eq!(m.get("d").and_then(Value::as_f64), Some(-0.0005));
        assert_eq!(m.to_json(), r#"{"a":[1,{"b":null}],"c":"é","d":-0.5e-3,"e":true}"#);
    }

    #[test]
    fn rejects_duplicates_with_offset() {
        let e = parse_object(br#"{"a":1,"a":2}"#).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Syntax);
        assert!(e.message.contains("has the member name \"a\" twice"), "{}", e.message);
        assert_eq!(e.offset, 7);
        // Escapes are decoded before comparing, so "\u0061" is "a".
        assert!(parse_object(br#"{"a":1,"\u0061":2}"#).is_err());
        assert!(parse_object(br#"{"x":{"a":1,"a":1}}"#).is_err());
        // The same name in sibling objects is no repeat.
        assert!(parse_object(br#"{"x":{"a":1},"y":{"a":1},"z":[{"a":1},{"a":2}]}"#).is_ok());
    }

    #[test]
    fn duplicates_in_large_objects_report_the_first_repeat() {
        let mut text = String::from("{");
        for i in 0..1000 {
            text += &format!("\"n{i}\":{i},");
        }
        text += "\"n500\":0,\"n7\":0}";
        let e = parse_object(text.as_bytes()).unwrap_err();
        assert!(e.message.contains("\"n500\" twice"), "{}", e.message);
        assert_eq!(&text[e.offset..e.offset + 6], "\"n500\"");
        let many: String = (0..20_000).map(|i| format!("\"{i}\":0")).collect::<Vec<_>>().join(",");
        assert!(parse_object(format!("{{{many}}}").as_bytes()).is_ok());
    }

    #[test]
    fn heapsort_sorts() {
        // Every length up to 40 and some longer, with many equal items, against the library's sort.
        let mut seed = 7u32;
        for len in (0..40).chain([100, 257, 1000]) {
            for spread in [1, 3, 1000] {
                let items: Vec<(u32, usize)> = (0..len)
                    .map(|i| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        ((seed >> 16) % spread, i)
                    })
                    .collect();
                let (mut ours, mut theirs) = (items.clone(), items);
                heapsort(&mut ours);
                theirs.sort();
                assert_eq!(ours, theirs, "{len} items, {spread} values");
            }
        }
    }

    #[test]
    fn depth_limit() {
        let ok = "[".repeat(MAX_JSON_DEPTH - 1) + &"]".repeat(MAX_JSON_DEPTH - 1);
        assert!(parse_object(format!("{{\"a\":{ok}}}").as_bytes()).is_ok());
        let deep = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        let e = parse_object(format!("{{\"a\":{deep}}}").as_bytes()).unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), (JsonErrorKind::TooDeep, "nests deeper than 32 levels"));
        // Far deeper input still fails cleanly instead of overflowing the stack.
        let huge = "[".repeat(100_000);
        assert_eq!(parse_object(format!("{{\"a\":{huge}").as_bytes()).unwrap_err().kind, JsonErrorKind::TooDeep);
    }

    #[test]
    fn rejects_non_objects_bom_trailing_and_bad_utf8() {
        for bad in [&b"[]"[..], b"\"x\"", b"\xEF\xBB\xBF{}", b"{} x", b"{\"a\":\"\xff\"}", b"{\"a\":1,}", b"", b"{\"a\":01}", b"{\"a\":1.}", b"{\"a\":-}", b"{\"a\":1e}", b"{\"a\":\"\t\"}", b"{a:1}", b"{\"a\" 1}", b"{\"a\":1 \"b\":2}", b"[1,]", b"{\"a\":tru}", b"{\"a\":1e400}", b"{\"a\":\"\\x\"}", b"{\"a\":\"\\u12\"}", b"{\"a\":\"\\u12g4\"}"] {
            assert!(parse_object(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
            if let Ok(text) = core::str::from_utf8(bad) {
                assert!(locate_members(text, &[]).is_err(), "{text:?}");
            }
        }
        assert!(parse_object(b" \t\r\n{ \"a\" : [ 1 , 2 ] } \n").is_ok());
        assert!(parse_object(format!("{{\"a\":-{}}}", "9".repeat(299)).as_bytes()).is_ok());
        assert!(parse_object(format!("{{\"a\":{}}}", "9".repeat(310)).as_bytes()).is_err());
    }

    #[test]
    fn messages_use_serde_json_words() {
        let message = |text: &str| parse_object(text.as_bytes()).unwrap_err().message;
        assert_eq!(message(r#"{"a":1,}"#), "is not valid JSON: trailing comma");
        assert_eq!(message(r#"{"a":tru}"#), "is not valid JSON: expected ident");
        assert_eq!(message(r#"{"a":1"#), "is not valid JSON: EOF while parsing an object");
        assert_eq!(message(r#"{"a":1} x"#), "is not valid JSON: trailing characters");
        assert_eq!(message(r#"{"a":}"#), "is not valid JSON: expected value");
        assert_eq!(message(r#"{a:1}"#), "is not valid JSON: key must be a string");
        assert_eq!(message(r#"{"a":1e400}"#), "is not valid JSON: number out of range");
        assert_eq!(message("[1]"), "is an array, not a JSON object");
        assert_eq!(message("\u{feff}{}"), "starts with a byte order mark, which is not allowed");
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
            assert_eq!(locate_members(text, &[]).unwrap_err().message, expected, "{text}");
        }
        // A pair is one character; other escape faults keep serde_json's words.
        assert_eq!(parse_object(br#"{"a":"\ud83d\ude00"}"#).unwrap().get("a").and_then(Value::as_str), Some("\u{1f600}"));
        assert_eq!(parse_object(br#"{"a":"\x"}"#).unwrap_err().message, "is not valid JSON: invalid escape");
    }

    #[test]
    fn offsets_point_at_the_fault() {
        let text = "{\n\"a\":\n tru}";
        let e = parse_object(text.as_bytes()).unwrap_err();
        assert_eq!(&text[e.offset..e.offset + 1], "}", "{}", e.offset);
        assert_eq!(parse_object(br#"{"alg":"HS256",}"#).unwrap_err().offset, 15);
        assert_eq!(parse_object(br#"{"a":1"#).unwrap_err().offset, 5);
    }

    #[test]
    fn numbers_convert_like_serde_json() {
        let m = parse_object(br#"{"i":-5,"u":18446744073709551615,"f":1.0,"e":1e3,"big":123456789012345678901234567890}"#).unwrap();
        let get = |name| m.get(name).unwrap();
        assert_eq!((get("i").as_i64(), get("i").as_u64()), (Some(-5), None));
        assert_eq!((get("u").as_u64(), get("u").as_i64()), (Some(u64::MAX), None));
        assert_eq!((get("f").as_i64(), get("f").as_f64()), (None, Some(1.0)));
        assert_eq!((get("e").as_u64(), get("e").as_f64()), (None, Some(1000.0)));
        assert_eq!((get("big").as_u64(), get("big").as_f64()), (None, Some(1.2345678901234568e29)));
    }

    #[test]
    fn number_values() {
        // Exact wherever the fast path applies: what str::parse (correctly rounded) gives.
        for text in ["0", "-0", "1", "-5", "1700000000", "1700000000.123", "0.5", "1e22", "9007199254740992", "123.456e-7", "-0.000001", "4.35", "1E+3", "0.1"] {
            assert_eq!(number_value(text).to_bits(), text.parse::<f64>().unwrap().to_bits(), "{text}");
        }
        // Close elsewhere, and overflow becomes infinite.
        for text in ["1e300", "1.7976931348623157e308", "123456789012345678901234567890", "5e-324", "2.2250738585072014e-308", "0.1e-200", "9007199254740993.5e40"] {
            let (ours, exact) = (number_value(text), text.parse::<f64>().unwrap());
            assert!(ours == exact || ((ours - exact) / exact).abs() < 1e-14, "{text}: {ours} {exact}");
        }
        for text in ["1e309", "-1e400", "1e99999999999", &"9".repeat(400)] {
            assert!(number_value(text).is_infinite(), "{text}");
        }
        assert_eq!(number_value("1e-99999999999"), 0.0);
        assert_eq!(number_value(&format!("0.{}1", "0".repeat(400))), 0.0);
        assert!(number_value(&format!("1{}", "0".repeat(100_000))).is_infinite());
    }

    #[test]
    fn scan_keeps_wanted_values_and_every_name() {
        let text = r#"{"exp":5,"x":{"deep":[1,{"a":"b"}]},"iss":"me","e\u0078p2":true}"#;
        let scanned = locate_members(text, &["exp", "iss", "aud"]).unwrap();
        assert_eq!((scanned.get("exp").as_deref().and_then(Value::as_i64), scanned.get("iss").as_deref().and_then(Value::as_str)), (Some(5), Some("me")));
        assert!(scanned.get("x").is_none() && scanned.get("aud").is_none());
        assert!(scanned.contains_key("x") && scanned.contains_key("exp2") && !scanned.contains_key("aud") && !scanned.contains_key("deep"));
        for (text, name, present) in [("{}", "a", false), (" { \"a\" : 1 } ", "a", true), (r#"{"a":{"b":1},"c":[{"b":2}]}"#, "b", false), (r#"{"a":{"b":1},"c":[{"b":2}]}"#, "c", true)] {
            assert_eq!(locate_members(text, &[]).unwrap().contains_key(name), present, "{text} {name}");
        }
    }

    #[test]
    fn scan_applies_every_strict_rule() {
        // Duplicates at the top, in nested members it does not keep, and through escapes.
        for text in [r#"{"a":1,"a":2}"#, r#"{"x":{"b":1,"b":2}}"#, r#"{"x":[{"b":1,"\u0062":2}]}"#, r#"{"a":1,"\u0061":1}"#] {
            let e = locate_members(text, &["a"]).unwrap_err();
            assert!(e.message.contains("twice"), "{text}: {}", e.message);
        }
        let deep = "[".repeat(MAX_JSON_DEPTH) + &"]".repeat(MAX_JSON_DEPTH);
        assert_eq!(locate_members(&format!("{{\"x\":{deep}}}"), &[]).unwrap_err().kind, JsonErrorKind::TooDeep);
        let ok = "[".repeat(MAX_JSON_DEPTH - 1) + &"]".repeat(MAX_JSON_DEPTH - 1);
        assert!(locate_members(&format!("{{\"x\":{ok}}}"), &[]).is_ok());
        assert_eq!(locate_members("[1]", &[]).unwrap_err().message, "is an array, not a JSON object");
        assert_eq!(locate_members("\"x\"", &[]).unwrap_err().message, "is a string, not a JSON object");
        for bad in ["{\"a\":1,}", "{} x", "\u{feff}{}", "{\"a\":\"\\ud800\"}", "", "[1,}"] {
            assert!(locate_members(bad, &[]).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn scan_and_parse_agree_on_offsets() {
        for text in [r#"{"a":1,"a":2}"#, "{\n\"a\":\n tru}", r#"{"a":[1,2,}"#, r#"{"a":{"b":[1,{"c":2,"c":3}]}}"#] {
            assert_eq!(locate_members(text, &[]).unwrap_err().offset, parse_object(text.as_bytes()).unwrap_err().offset, "{text}");
        }
    }

    #[test]
    fn long_duplicate_names_are_shortened() {
        let name = "n".repeat(500);
        let e = parse_object(format!("{{\"{name}\":1,\"{name}\":2}}").as_bytes()).unwrap_err();
        assert!(e.message.len() < 120);
    }

    #[test]
    fn strings_are_written_back_escaped() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\n\u{1}é/");
        assert_eq!(out, r#""a\"b\\c\n\u0001é/""#);
        let back = parse_object(format!("{{\"s\":{out}}}").as_bytes()).unwrap();
        assert_eq!(back.get("s").and_then(Value::as_str), Some("a\"b\\c\n\u{1}é/"));
        assert_eq!((decimal(0), decimal(u64::MAX)), ("0".into(), "18446744073709551615".into()));
        assert_eq!(Value::from(i64::MIN), Value::Number(Number("-9223372036854775808".into())));
    }

    #[test]
    fn the_quick_scan_accepts_what_the_parser_accepts_and_keeps_the_same() {
        const WANTED: &[&str] = &["alg", "exp", "sub", "aud", "x", "a"];
        let agree = |text: &str| match (scan_quickly(Scanned::new(text, WANTED)), scan_carefully(text, WANTED)) {
            (Some(quick), Ok(careful)) => assert_eq!(quick, careful, "{text:?}"),
            (None, Err(_)) => {}
            (Some(_), Err(e)) => panic!("the quick scan accepts {text:?}; the parser: {}", e.message),
            // Left to the parser: names with escapes, and more names than the quick scan holds.
            (None, Ok(_)) if text.contains('\\') || text.matches(':').count() > QUICK_NAMES => {}
            (None, Ok(_)) => panic!("the quick scan refuses {text:?}, which the parser accepts"),
        };
        assert!(scan_quickly(Scanned::new(r#"{"a":"\n\u00e9","b":["\""]}"#, WANTED)).is_some());
        let nested = |depth: usize| format!("{{\"a\":{}{}}}", "[".repeat(depth - 1), "]".repeat(depth - 1));
        let many: String = (0..40).map(|i| format!("\"n{}\":{i}", i % 37)).collect::<Vec<_>>().join(",");
        let seeds = [
            String::from(r#"{"alg":"HS256","typ":"JWT","kid":"k\u00e9"}"#),
            String::from(r#"{"iat":1700000000,"admin":true,"exp":4102444800.5,"name":"John Doe","sub":"1234567890","aud":["a","b"]}"#),
            String::from(" { \"x\" : [ 1 , { \"a\" : null , \"b\" : [ ] } , -0.5e-3 , false ] , \"y\" : { } } \n"),
            String::from(r#"{"a":{"a":{"a":1}},"b":"\ud83d\ude00\n","c":{"d":1,"e":2},"\u0063x":[{"d":1},{"d":2}]}"#),
            String::from(r#"{"x":{"a":1,"b":2,"a":3},"aud":"a","sub":{"sub":1}}"#),
            nested(MAX_JSON_DEPTH),
            nested(MAX_JSON_DEPTH + 1),
            format!("{{{many}}}"),
        ];
        let changes: &[u8] = b"{}[]\":, \\a1-.entf\t\x01/\x7f";
        for seed in &seeds {
            agree(seed);
            let bytes = seed.as_bytes();
            for at in 0..bytes.len() {
                let mut removed = bytes.to_vec();
                removed.remove(at);
                for probe in changes.iter().flat_map(|&b| {
                    let (mut replaced, mut inserted) = (bytes.to_vec(), bytes.to_vec());
                    replaced[at] = b;
                    inserted.insert(at, b);
                    [replaced, inserted]
                }).chain([removed]) {
                    if let Ok(text) = core::str::from_utf8(&probe) {
                        agree(text);
                    }
                }
            }
        }
    }

    #[test]
    fn skip_value_is_lenient_but_bounded() {
        let mut r = Reader::new(r#"{"a":1,"a":[true,null,"x"]} rest"#);
        assert_eq!(r.skip_value(8), Some(()));
        assert_eq!(r.pos, 27);
        assert_eq!(Reader::new("[[[1]]]").skip_value(2), None);
        assert_eq!(Reader::new("[1,").skip_value(8), None);
    }
}
