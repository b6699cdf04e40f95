//! Keys in text form given where an HMAC secret belongs. A PEM block, a JWK or a JWKS
//! is usually public: taken as a secret, it lets anyone who has the public key forge
//! tokens. So `Key::hmac` refuses any bytes that hold one, read more leniently than
//! the key readers read them (text around a PEM block; a BOM, Unicode whitespace and
//! duplicate members in JSON), so that no variant of the same key text slips through.

use alloc::string::String;

use zeroize::Zeroizing;

use crate::error::{Error, ErrorCode};
use crate::json::Reader;

/// How every PEM block begins (RFC 7468 section 2).
const PEM_BEGIN: &[u8] = b"-----BEGIN ";

/// Where the first PEM block begins, anywhere in `bytes`. `Key::from_pem` reads the
/// block found here and `Key::hmac` refuses any secret in which one is found, so the
/// two agree on every text before a block (a BOM, comments, OpenSSL's "Bag Attributes").
pub(super) fn pem_block_start(bytes: &[u8]) -> Option<usize> {
    bytes.windows(PEM_BEGIN.len()).position(|window| window == PEM_BEGIN)
}

/// The kinds of key text a secret can turn out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyText {
    Pem,
    Jwk,
    Jwks,
    JwkArray,
}

/// Refuses a secret that is key text, with what it is and what to use instead.
/// The message never quotes the secret.
pub(super) fn refuse_as_secret(secret: &[u8]) -> Result<(), Error> {
    let message = match classify(secret) {
        None => return Ok(()),
        Some(KeyText::Pem) => "this secret holds a PEM block (\"-----BEGIN ...\"), which is a key, never an HMAC secret: read it with Key.fromPem / Key::from_pem",
        Some(KeyText::Jwk) => "this secret is a JSON Web Key (it has \"kty\"), never an HMAC secret: read it with Key.fromJwk / Key::from_jwk",
        Some(KeyText::Jwks) => "this secret is a JSON Web Key Set (it has a \"keys\" array), never an HMAC secret: read it with KeySet.fromJwks / KeySet::from_jwks",
        Some(KeyText::JwkArray) => "this secret is a JSON array of JSON Web Keys, never an HMAC secret: put them in a JWKS ({\"keys\": [...]}) and read it with KeySet.fromJwks / KeySet::from_jwks",
    };
    Err(Error::new(ErrorCode::InvalidKey, message))
}

fn classify(secret: &[u8]) -> Option<KeyText> {
    if pem_block_start(secret).is_some() {
        return Some(KeyText::Pem);
    }
    json_key_text(secret)
}

/// Characters a lenient reader skips between JSON tokens: Unicode whitespace (which
/// includes U+00A0 and `\v`), the byte order mark, and the zero-width spaces and joiners.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
}

/// How deeply the lenient reading follows nesting (serde_json's recursion limit).
const LENIENT_DEPTH: usize = 128;

/// Reads the secret as JSON, leniently, as far as needed to tell whether it is a JWK,
/// a JWKS or an array of JWKs. Once the text shows itself as one, a later fault (a
/// trailing comma, a cut-off end, text after it) does not turn it back into a secret.
fn json_key_text(secret: &[u8]) -> Option<KeyText> {
    let text = match core::str::from_utf8(secret) {
        Ok(text) => text,
        Err(e) => core::str::from_utf8(&secret[..e.valid_up_to()]).unwrap_or_default(),
    };
    // Only text that opens an object or an array is read as JSON: most secrets cost one character.
    if !text.chars().find(|&c| !is_blank(c)).is_some_and(|c| c == '{' || c == '[') {
        return None;
    }
    let json = blanks_to_spaces(text);
    let mut reader = Reader::new(&json);
    reader.skip_blanks();
    if reader.peek() == Some(b'{') {
        // An object with `kty` is a JWK, one with a `keys` array a JWKS.
        return find_in_members(reader, |name, value_start| match name {
            "kty" => Some(KeyText::Jwk),
            "keys" if value_start == Some(b'[') => Some(KeyText::Jwks),
            _ => None,
        });
    }
    // An array with an object that has `kty` is an array of JWKs.
    reader.pos += 1;
    loop {
        reader.skip_blanks();
        if reader.peek() == Some(b'{') {
            if let Some(found) = find_in_members(reader.clone(), |name, _| (name == "kty").then_some(KeyText::JwkArray)) {
                return Some(found);
            }
        }
        reader.skip_value(LENIENT_DEPTH)?;
        reader.skip_blanks();
        match reader.peek()? {
            b',' => reader.pos += 1,
            _ => return None,
        }
    }
}

/// Reads the object at the reader's position member by member (duplicates allowed) until
/// `found` names a kind. It is asked with each member name, first alone (a cut-off
/// `{"kty"` is a JWK already) and then with the first character of the member's value.
fn find_in_members(mut reader: Reader<'_>, found: impl Fn(&str, Option<u8>) -> Option<KeyText>) -> Option<KeyText> {
    reader.pos += 1;
    loop {
        reader.skip_blanks();
        if reader.peek()? != b'"' {
            return None;
        }
        let name = reader.string().ok()?;
        if let Some(kind) = found(&name, None) {
            return Some(kind);
        }
        reader.skip_blanks();
        if reader.peek()? != b':' {
            return None;
        }
        reader.pos += 1;
        reader.skip_blanks();
        if let Some(kind) = found(&name, reader.peek()) {
            return Some(kind);
        }
        reader.skip_value(LENIENT_DEPTH)?;
        reader.skip_blanks();
        match reader.peek()? {
            b',' => reader.pos += 1,
            _ => return None,
        }
    }
}

/// The text with every blank outside JSON strings made a plain space, which the JSON
/// reader skips. The output is never longer than the input, so the zeroized buffer never
/// reallocates (which would leave an unzeroed copy of the secret behind).
fn blanks_to_spaces(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            out.push(c);
        } else {
            in_string = c == '"';
            out.push(if is_blank(c) { ' ' } else { c });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::vec::Vec;

    const PEM: &str = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n";
    const JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

    fn kind(secret: &[u8]) -> Option<KeyText> {
        classify(secret)
    }

    fn prefixed(prefix: &str, text: &str) -> Vec<u8> {
        [prefix.as_bytes(), text.as_bytes()].concat()
    }

    #[test]
    fn pem_blocks_are_found_after_any_text() {
        for prefix in ["", "  \n", "\u{feff}", "# the signing key\n", "Bag Attributes\n    localKeyID: 01 02\nsubject=/CN=x\n", "\u{a0}", "\x0b", "\u{3000}\r\n", "key: "] {
            assert_eq!(kind(&prefixed(prefix, PEM)), Some(KeyText::Pem), "{prefix:?}");
        }
        // A cut-off block is still a key's text, never a secret.
        assert_eq!(kind(b"  \n-----BEGIN CERTIFICATE-----"), Some(KeyText::Pem));
        assert_eq!(kind(&[b"\xff\xfe".as_slice(), PEM.as_bytes()].concat()), Some(KeyText::Pem));
        assert_eq!(pem_block_start(b"ab-----BEGIN X"), Some(2));
        assert_eq!(pem_block_start(b"-----BEGIN"), None);
    }

    #[test]
    fn jwks_with_a_bom_blanks_or_duplicates_are_found() {
        for prefix in ["", "\u{feff}", " \n\t", "\u{a0}", "\x0b", "\u{2028}\u{200b}", "\u{feff}\u{feff} "] {
            assert_eq!(kind(&prefixed(prefix, JWK)), Some(KeyText::Jwk), "{prefix:?}");
        }
        let spaced = "{\u{a0}\"kty\"\x0b:\u{3000}\"RSA\" ,\u{feff}\"n\":\"AQAB\"}\u{85}";
        assert_eq!(kind(spaced.as_bytes()), Some(KeyText::Jwk));
        assert_eq!(kind(br#"{"kty":"RSA","kty":"EC","x":"AAAA"}"#), Some(KeyText::Jwk));
        assert_eq!(kind(br#"{"kty":null}"#), Some(KeyText::Jwk));
        // Faults after the text shows itself as a key do not make it a secret.
        assert_eq!(kind(br#"{"kty":"RSA","n":"AQAB",}"#), Some(KeyText::Jwk));
        assert_eq!(kind(format!("{JWK}\n{JWK}").as_bytes()), Some(KeyText::Jwk));
        // A blank inside a string is part of the string, so it is not rewritten.
        assert_eq!(blanks_to_spaces("\u{a0}{\"a\u{a0}\\\"\u{a0}\":1}").as_str(), " {\"a\u{a0}\\\"\u{a0}\":1}");
    }

    #[test]
    fn jwks_and_arrays_of_jwks_are_found() {
        let set = format!(r#"{{"keys":[{JWK}]}}"#);
        for text in [set.clone(), format!("\u{feff}{set}"), r#"{"keys":[]}"#.into(), format!(r#"{{"keys":"x","keys":[{JWK}]}}"#)] {
            assert_eq!(kind(text.as_bytes()), Some(KeyText::Jwks), "{text}");
        }
        for text in [format!("[{JWK}]"), format!("\u{a0}[1, {JWK}]"), r#"[{"kty":"oct"},{"kty":"oct"}]"#.into()] {
            assert_eq!(kind(text.as_bytes()), Some(KeyText::JwkArray), "{text}");
        }
    }

    #[test]
    fn other_json_and_text_stay_secrets() {
        for secret in [
            &br#"{"not":"a key, just a long secret string"}"#[..],
            br#"{"keys":"not an array","x":{"kty":"nested, not a key"}}"#,
            br#"[1,"kty",{"a":{"kty":1}},[{"kty":1}]]"#,
            b"[]",
            b"{",
            b"a secret of at least 32 bytes for HS256!",
            b"-----BEGINNING-----",
            b"\xff{\"kty\":1}",
            b"",
        ] {
            assert_eq!(kind(secret), None, "{:?}", String::from_utf8_lossy(secret));
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(100_000);
        assert_eq!(kind(deep.as_bytes()), None);
        let deep_member = format!(r#"{{"kty":1,"x":{}}}"#, "[".repeat(100_000));
        assert_eq!(kind(deep_member.as_bytes()), Some(KeyText::Jwk));
    }

    #[test]
    fn messages_say_what_the_text_is_and_never_quote_it() {
        let secret = format!(r#"{{"keys":[{JWK}],"note":"hunter2"}}"#);
        let e = refuse_as_secret(secret.as_bytes()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey);
        assert!(e.message().contains("JSON Web Key Set") && e.message().contains("KeySet.fromJwks"), "{e}");
        assert!(!e.message().contains("hunter2") && !e.message().contains("11qY"), "{e}");
        assert!(refuse_as_secret(PEM.as_bytes()).unwrap_err().message().contains("Key.fromPem"));
        assert!(refuse_as_secret(JWK.as_bytes()).unwrap_err().message().contains("Key.fromJwk"));
        assert!(refuse_as_secret(format!("[{JWK}]").as_bytes()).unwrap_err().message().contains("array of JSON Web Keys"));
        assert!(refuse_as_secret(b"a secret of at least 32 bytes for HS256!").is_ok());
    }
}
