#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

#[macro_use]
mod message;
mod algorithms;
mod base64url;
mod claims;
mod error;
mod header;
mod json;
#[cfg(feature = "jwe")]
mod jwe;
mod keys;
mod options;
#[cfg(feature = "sign")]
mod sign;
mod stack;
mod swar;
mod text;
mod token;
mod verify;

#[cfg(feature = "wasm")]
mod bindings;

pub use algorithms::{Algorithm, Family};
#[cfg(feature = "rsa")]
pub use algorithms::rsa::MAX_RSA_PUBLIC_EXPONENT;
pub use error::{Error, ErrorCode, Part};
pub use json::MAX_JSON_DEPTH;
#[cfg(feature = "jwe")]
pub use jwe::{decrypt, decrypt_jwt, ContentEncryption, DecryptOptions, Decrypted, DecryptedJwt, KeyManagement};
#[cfg(all(feature = "jwe", feature = "rand"))]
pub use jwe::{encrypt, encrypt_jwt_json, EncryptOptions};
#[cfg(all(feature = "jwe", feature = "rand", feature = "serde"))]
pub use jwe::encrypt_jwt;
pub use keys::{Key, KeySet, Operation, MAX_JWKS_KEYS};
#[cfg(all(feature = "serde", feature = "sign"))]
pub use sign::sign;
#[cfg(feature = "sign")]
pub use sign::{sign_json, IssuedAt, SignOptions};
pub use token::{decode, Decoded, DEFAULT_MAX_TOKEN_LENGTH};
#[cfg(feature = "serde")]
pub use verify::{verify_as, TokenData};
pub use verify::{verify, verify_jws, Keys, Verified, VerifiedJws, VerifyOptions};
