//! Issues the usual pair for a user who has just signed in: a short-lived access token for
//! the API and a long-lived refresh token that can only be exchanged for a new pair. Each
//! is checked the way its receiver would, and neither passes for the other.
//!
//!     JWT_SECRET=$(openssl rand -base64 48) cargo run --example issue_tokens

use serde::{Deserialize, Serialize};
use wasm_jwt::{sign, verify_as, Algorithm, Error, ErrorCode, Key, SignOptions, VerifyOptions};

/// The lifetimes the debugger page's access and refresh buttons use.
const ACCESS_TOKEN_SECONDS: i64 = 30 * 60;
const REFRESH_TOKEN_SECONDS: i64 = 14 * 86400;

#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    sub: String,
    aud: String,
    roles: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct RefreshClaims {
    sub: String,
    aud: String,
}

fn main() -> Result<(), Error> {
    let secret = std::env::var("JWT_SECRET").unwrap_or_else(|_| {
        eprintln!("JWT_SECRET is unset: using a fixed demonstration secret");
        "a demonstration secret, never to be used for real tokens".into()
    });
    let key = Key::hmac(secret.as_bytes())?;

    // The header `typ` says what each token is for (RFC 9068's "at+jwt" for access tokens),
    // and so does the audience: a receiver checks both.
    let access = sign(
        &AccessClaims { sub: "ada".into(), aud: "api".into(), roles: vec!["admin".into()] },
        &key,
        &SignOptions::new().alg(Algorithm::HS256).typ("at+jwt").expires_in(ACCESS_TOKEN_SECONDS),
    )?;
    let refresh = sign(
        &RefreshClaims { sub: "ada".into(), aud: "refresh".into() },
        &key,
        &SignOptions::new().alg(Algorithm::HS256).typ("refresh+jwt").expires_in(REFRESH_TOKEN_SECONDS),
    )?;
    println!("access token ({ACCESS_TOKEN_SECONDS} s):  {access}");
    println!("refresh token ({REFRESH_TOKEN_SECONDS} s): {refresh}");

    // What the API accepts, and what the refresh endpoint accepts.
    let api = VerifyOptions::new().algorithms([Algorithm::HS256]).typ("at+jwt").audience("api");
    let refresh_endpoint = VerifyOptions::new().algorithms([Algorithm::HS256]).typ("refresh+jwt").audience("refresh");

    let access_claims = verify_as::<AccessClaims>(&access, &key, &api)?.claims;
    let refresh_claims = verify_as::<RefreshClaims>(&refresh, &key, &refresh_endpoint)?.claims;
    println!("the API accepts the access token for {} with roles {:?}", access_claims.sub, access_claims.roles);
    println!("the refresh endpoint accepts the refresh token for {}", refresh_claims.sub);

    // Swapped, each is refused: a refresh token is no access token, and the reverse.
    let refused = verify_as::<AccessClaims>(&refresh, &key, &api).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Typ);
    println!("the API refuses the refresh token: {refused}");
    let refused = verify_as::<RefreshClaims>(&access, &key, &refresh_endpoint).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Typ);
    println!("the refresh endpoint refuses the access token: {refused}");
    Ok(())
}
