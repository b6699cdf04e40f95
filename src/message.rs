//! Error messages without `core::fmt`: `message!("the ", alg, " signature does not match")`
//! appends each part to one `String`. `format!` would pull `core::fmt`'s formatter, padding
//! and integer printing into every wasm build (about 3 KB raw in the HMAC-only one).

use alloc::string::String;

/// Something a message can contain: text, or an integer written in decimal.
pub(crate) trait Piece {
    fn append_to(&self, out: &mut String);
}

impl Piece for str {
    /// Every other piece ends here. Out of line: a message has several parts and the
    /// library a few hundred messages, and `push_str` inlined at each part was about 3 KB
    /// of the HMAC-only wasm (the call costs nothing next to building an error).
    #[inline(never)]
    fn append_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn append_to(&self, out: &mut String) {
        self.as_str().append_to(out);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn append_to(&self, out: &mut String) {
        (**self).append_to(out);
    }
}

macro_rules! unsigned_pieces {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn append_to(&self, out: &mut String) {
                crate::json::decimal(*self as u64).append_to(out);
            }
        }
    )*};
}
unsigned_pieces!(u8, u16, u32, u64, usize);

impl Piece for i64 {
    fn append_to(&self, out: &mut String) {
        crate::json::push_integer(out, *self);
    }
}

impl Piece for crate::algorithms::Algorithm {
    fn append_to(&self, out: &mut String) {
        self.name().append_to(out);
    }
}

/// Names separated by `", "` (as `join` would, without its panic path in the wasm).
pub(crate) fn list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for name in names {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(name);
    }
    out
}

/// A message from parts, each a [`Piece`]: `message!("JWKS key ", index, ": ", e.message())`.
macro_rules! message {
    ($($part:expr),+ $(,)?) => {{
        let mut out = alloc::string::String::new();
        $( $crate::message::Piece::append_to(&$part, &mut out); )+
        out
    }};
}

#[cfg(test)]
mod tests {
    use alloc::format;

    use crate::Algorithm;

    #[test]
    fn parts_are_written_as_format_would() {
        let (n, t, alg) = (18_446_744_073_709_551_615u64, -42i64, Algorithm::HS256);
        assert_eq!(message!("a ", n, " b ", t, " ", 0usize, " ", alg, "."), format!("a {n} b {t} 0 {alg}."));
        assert_eq!(message!(alloc::string::String::from("x"), &"y"), "xy");
    }

    #[test]
    fn lists_are_joined() {
        assert_eq!(super::list(["HS256", "HS384", "HS512"]), "HS256, HS384, HS512");
        assert_eq!(super::list(["HS256"]), "HS256");
        assert_eq!(super::list([]), "");
    }
}
