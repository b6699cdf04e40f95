//! Verifies a token against a JWKS file, as an API checks the access tokens an identity
//! provider issues, and reads its claims into a struct.
//!
//!     cargo run --example verify_jwks                       # the bundled examples/data files
//!     cargo run --example verify_jwks -- JWKS_FILE TOKEN_FILE
//!
//! Exits with status 1 and the error code when the token does not verify.

use std::process::ExitCode;

use serde::Deserialize;
use wasm_jwt::{verify_as, Algorithm, KeySet, VerifyOptions};

/// The claims this API relies on; others in the token are ignored.
#[derive(Debug, Deserialize)]
struct AccessClaims {
    sub: String,
    scope: String,
    exp: u64,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");
    let jwks_file = args.next().unwrap_or_else(|| format!("{data}/jwks.json"));
    let token_file = args.next().unwrap_or_else(|| format!("{data}/token.jwt"));
    let read = |file: &str| std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));

    // Load the set once and keep it: loading reads and checks every key.
    let keys = match KeySet::from_jwks(&read(&jwks_file)) {
        Ok(keys) => keys,
        Err(e) => {
            eprintln!("{jwks_file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The algorithms the issuer uses, its exact `iss`, and this API as the audience.
    let options = VerifyOptions::new()
        .algorithms([Algorithm::ES256, Algorithm::EdDSA])
        .issuer("https://issuer.example/")
        .audience("api")
        .leeway(30);

    match verify_as::<AccessClaims>(read(&token_file).trim(), &keys, &options) {
        Ok(token) => {
            let header = token.header();
            let kid = header.get("kid").and_then(|kid| kid.as_str()).unwrap_or("-");
            println!("verified with key {kid} ({}): sub={} scope=\"{}\" exp={}", token.alg(), token.claims.sub, token.claims.scope, token.claims.exp);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("refused: {} ({e})", e.code());
            ExitCode::FAILURE
        }
    }
}
