//! Text cut at byte offsets that are char boundaries by construction (next to an ASCII
//! byte the caller found, or the ends). `&text[a..b]` would do the same, but its panic
//! path, `core::str::slice_error_fail`, brings 1.3 KB of code and 0.8 KB of Unicode tables
//! into the wasm (its message shows the character at fault with `{:?}`).

use core::slice::SliceIndex;

/// `&text[range]`, without the panic path: `""` if `range` is not on char boundaries or
/// out of bounds, which the callers rule out (tests and debug builds check it).
#[inline(always)]
pub(crate) fn sub<R: SliceIndex<str, Output = str>>(text: &str, range: R) -> &str {
    let part = text.get(range);
    debug_assert!(part.is_some(), "text::sub off a char boundary");
    part.unwrap_or_default()
}
