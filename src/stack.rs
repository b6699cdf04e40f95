//! Overwriting the stack that secret work used. The crates that read keys keep copies of
//! key bytes in stack buffers (HMAC's padded key block, base64 and DER decoding), and in
//! wasm the stack is ordinary linear memory that outlives the call: without this, a copy
//! of a freed key's secret could be read back from the module's memory.

/// How much stack below the caller [`scrubbed`] overwrites: more than key parsing uses.
const SCRUB_BYTES: usize = 32 * 1024;

/// Runs `work`, then overwrites the stack it used, and returns what it made.
pub(crate) fn scrubbed<T>(work: impl FnOnce() -> T) -> T {
    let made = run_below(work);
    overwrite_below();
    made
}

/// A frame of its own, so that `work`'s stack lies below the caller's, where
/// `overwrite_below` then writes.
#[inline(never)]
fn run_below<T>(work: impl FnOnce() -> T) -> T {
    work()
}

#[inline(never)]
fn overwrite_below() {
    let zeros = [0u8; SCRUB_BYTES];
    core::hint::black_box(&zeros);
}
