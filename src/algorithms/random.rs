//! Randomness from the platform (getrandom: the OS, or `crypto.getRandomValues` in wasm),
//! used only for key generation, PSS salts and RSA blinding; verification never needs it.

use crate::error::{Error, ErrorCode};

/// In fixed words: getrandom's `Display` would add 0.7 KB to the HMAC-only wasm, where the
/// one failure it can name is a missing `crypto.getRandomValues`.
fn unavailable(_: getrandom::Error) -> Error {
    Error::new(ErrorCode::InvalidKey, "the platform's random number generator (the OS's, or crypto.getRandomValues in JavaScript) is not available")
}

/// Fills `bytes` with random bytes.
pub(crate) fn fill(bytes: &mut [u8]) -> Result<(), Error> {
    getrandom::fill(bytes).map_err(unavailable)
}

/// A generator for the `rsa` crate that take one, after checking that the platform's
/// source works, so that the generator's own failure (it panics) cannot happen in practice.
#[cfg(feature = "rsa")]
pub(crate) fn rng() -> Result<getrandom::rand_core::UnwrapErr<getrandom::SysRng>, Error> {
    fill(&mut [0u8; 1])?;
    Ok(getrandom::rand_core::UnwrapErr(getrandom::SysRng))
}
