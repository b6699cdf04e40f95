//! Native verify and decode: wasm-jwt against jsonwebtoken, jwt-simple and jwt-compact on
//! the same token and key for each algorithm. Every library reads the claims into its own
//! typed struct and checks `exp`, as an API does for each request. Keys are generated per
//! run by wasm-jwt and handed to each library in its own form; before any measurement,
//! each library must accept the token and read the same subject, so a failing check can
//! never pass for a fast one.

use std::hint::black_box;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde::Deserialize;
use serde_json::Value;
use wasm_jwt::{Algorithm, IssuedAt, Key, SignOptions, VerifyOptions};

const SUBJECT: &str = "1234567890";

/// The claims as wasm-jwt, jsonwebtoken and jwt-compact read them.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read by deserialization: the work being measured
struct Claims {
    sub: String,
    name: String,
    admin: bool,
}

/// The same claims for jwt-simple, whose own struct holds `sub`, `iat` and `exp`.
#[derive(Debug, Deserialize, serde::Serialize)]
#[allow(dead_code)]
struct CustomClaims {
    name: String,
    admin: bool,
}

/// One algorithm's token and public key, in each library's form.
struct Case {
    alg: Algorithm,
    token: String,
    wasm_jwt: Key,
    jsonwebtoken: jsonwebtoken::DecodingKey,
    jwt_simple: JwtSimpleKey,
    jwt_compact: JwtCompactKey,
}

enum JwtSimpleKey {
    Hs256(jwt_simple::prelude::HS256Key),
    Es256(jwt_simple::prelude::ES256PublicKey),
    Ed25519(jwt_simple::prelude::Ed25519PublicKey),
    Rs256(jwt_simple::prelude::RS256PublicKey),
}

enum JwtCompactKey {
    Hs256(jwt_compact::alg::Hs256Key),
    Es256(p256::ecdsa::VerifyingKey),
    Ed25519(ed25519_dalek::VerifyingKey),
    Rs256(rsa::RsaPublicKey),
}

fn bytes(jwk: &Value, member: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(jwk[member].as_str().unwrap()).unwrap()
}

fn text<'a>(jwk: &'a Value, member: &str) -> &'a str {
    jwk[member].as_str().unwrap()
}

impl Case {
    fn new(alg: Algorithm) -> Case {
        let private = match alg {
            Algorithm::HS256 => Key::hmac(b"a 32-byte secret for the HS256 benchmark").unwrap(),
            _ => Key::generate(alg).unwrap(),
        };
        let payload = serde_json::json!({ "sub": SUBJECT, "name": "John Doe", "admin": true, "exp": 4_102_444_800u64 });
        let token = wasm_jwt::sign(&payload, &private, &SignOptions::new().alg(alg).issued_at(IssuedAt::At(1_700_000_000))).unwrap();
        let jwk: Value = serde_json::from_str(&private.to_jwk(true).unwrap()).unwrap();
        let public = match alg {
            Algorithm::HS256 => private,
            _ => Key::from_jwk(&private.to_jwk(false).unwrap()).unwrap(),
        };
        let (jsonwebtoken, jwt_simple, jwt_compact) = match alg {
            Algorithm::HS256 => {
                let secret = bytes(&jwk, "k");
                (
                    jsonwebtoken::DecodingKey::from_secret(&secret).unwrap(),
                    JwtSimpleKey::Hs256(jwt_simple::prelude::HS256Key::from_bytes(&secret)),
                    JwtCompactKey::Hs256(jwt_compact::alg::Hs256Key::new(&secret)),
                )
            }
            Algorithm::ES256 => {
                let point = [&[4u8][..], &bytes(&jwk, "x"), &bytes(&jwk, "y")].concat();
                (
                    jsonwebtoken::DecodingKey::from_ec_components(text(&jwk, "x"), text(&jwk, "y")).unwrap(),
                    JwtSimpleKey::Es256(jwt_simple::prelude::ES256PublicKey::from_bytes(&point).unwrap()),
                    JwtCompactKey::Es256(p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).unwrap()),
                )
            }
            Algorithm::EdDSA => {
                let x = bytes(&jwk, "x");
                (
                    jsonwebtoken::DecodingKey::from_ed_components(text(&jwk, "x")).unwrap(),
                    JwtSimpleKey::Ed25519(jwt_simple::prelude::Ed25519PublicKey::from_bytes(&x).unwrap()),
                    JwtCompactKey::Ed25519(ed25519_dalek::VerifyingKey::from_bytes(&x.try_into().unwrap()).unwrap()),
                )
            }
            Algorithm::RS256 => {
                let (n, e) = (bytes(&jwk, "n"), bytes(&jwk, "e"));
                let big = rsa::BigUint::from_bytes_be;
                (
                    jsonwebtoken::DecodingKey::from_rsa_components(text(&jwk, "n"), text(&jwk, "e")).unwrap(),
                    JwtSimpleKey::Rs256(jwt_simple::prelude::RS256PublicKey::from_components(&n, &e).unwrap()),
                    JwtCompactKey::Rs256(rsa::RsaPublicKey::new(big(&n), big(&e)).unwrap()),
                )
            }
            other => panic!("no benchmark case for {other}"),
        };
        Case { alg, token, wasm_jwt: public, jsonwebtoken, jwt_simple, jwt_compact }
    }

    fn verify_wasm_jwt(&self, options: &VerifyOptions) -> String {
        wasm_jwt::verify_as::<Claims>(&self.token, &self.wasm_jwt, options).unwrap().claims.sub
    }

    fn verify_jsonwebtoken(&self, validation: &jsonwebtoken::Validation) -> String {
        jsonwebtoken::decode::<Claims>(&self.token, &self.jsonwebtoken, validation).unwrap().claims.sub
    }

    fn verify_jwt_simple(&self) -> String {
        use jwt_simple::prelude::*;
        let claims = match &self.jwt_simple {
            JwtSimpleKey::Hs256(key) => key.verify_token::<CustomClaims>(&self.token, None),
            JwtSimpleKey::Es256(key) => key.verify_token::<CustomClaims>(&self.token, None),
            JwtSimpleKey::Ed25519(key) => key.verify_token::<CustomClaims>(&self.token, None),
            JwtSimpleKey::Rs256(key) => key.verify_token::<CustomClaims>(&self.token, None),
        };
        claims.unwrap().subject.unwrap()
    }

    fn verify_jwt_compact(&self, time: &jwt_compact::TimeOptions) -> String {
        use jwt_compact::alg::{Ed25519, Es256, Hs256, Rsa};
        use jwt_compact::{AlgorithmExt, Token, UntrustedToken};
        let untrusted = UntrustedToken::new(&self.token).unwrap();
        let token: Token<Claims> = match &self.jwt_compact {
            JwtCompactKey::Hs256(key) => Hs256.validator(key).validate(&untrusted),
            JwtCompactKey::Es256(key) => Es256.validator(key).validate(&untrusted),
            JwtCompactKey::Ed25519(key) => Ed25519.validator(key).validate(&untrusted),
            JwtCompactKey::Rs256(key) => Rsa::rs256().validator(key).validate(&untrusted),
        }
        .unwrap();
        token.claims().validate_expiration(time).unwrap();
        token.into_parts().1.custom.sub
    }
}

fn jsonwebtoken_validation(alg: Algorithm) -> jsonwebtoken::Validation {
    let alg = match alg {
        Algorithm::HS256 => jsonwebtoken::Algorithm::HS256,
        Algorithm::ES256 => jsonwebtoken::Algorithm::ES256,
        Algorithm::EdDSA => jsonwebtoken::Algorithm::EdDSA,
        Algorithm::RS256 => jsonwebtoken::Algorithm::RS256,
        other => panic!("no jsonwebtoken algorithm for {other}"),
    };
    jsonwebtoken::Validation::new(alg)
}

fn verify(c: &mut Criterion) {
    let time = jwt_compact::TimeOptions::default();
    for alg in [Algorithm::HS256, Algorithm::ES256, Algorithm::EdDSA, Algorithm::RS256] {
        let case = Case::new(alg);
        let options = VerifyOptions::new().algorithms([alg]);
        let validation = jsonwebtoken_validation(alg);
        // Each library accepts the token and reads the same subject before anything is measured.
        for sub in [case.verify_wasm_jwt(&options), case.verify_jsonwebtoken(&validation), case.verify_jwt_simple(), case.verify_jwt_compact(&time)] {
            assert_eq!(sub, SUBJECT);
        }
        let mut group = c.benchmark_group(format!("verify {}", case.alg));
        group.bench_function(BenchmarkId::from_parameter("wasm-jwt"), |b| b.iter(|| case.verify_wasm_jwt(black_box(&options))));
        group.bench_function(BenchmarkId::from_parameter("jsonwebtoken"), |b| b.iter(|| case.verify_jsonwebtoken(black_box(&validation))));
        group.bench_function(BenchmarkId::from_parameter("jwt-simple"), |b| b.iter(|| black_box(&case).verify_jwt_simple()));
        group.bench_function(BenchmarkId::from_parameter("jwt-compact"), |b| b.iter(|| case.verify_jwt_compact(black_box(&time))));
        group.finish();
    }
}

/// Reading a token without verifying it, header and claims into typed structs. jwt-simple
/// has no such call (its `decode_metadata` reads the header only), so it is not in this group.
fn decode(c: &mut Criterion) {
    let case = Case::new(Algorithm::HS256);
    let token = case.token.as_str();
    let wasm_jwt = |token: &str| {
        // The header's members as typed values, as jsonwebtoken's `Header` has them: `alg`
        // as the algorithm enum, `typ` and `kid` as strings.
        let decoded = wasm_jwt::decode(token).unwrap();
        let alg = decoded.alg().and_then(|alg| Algorithm::from_name(alg).ok());
        let header = (alg, decoded.typ().map(String::from), decoded.kid().map(String::from));
        (header, decoded.claims_as::<Claims>().unwrap().sub)
    };
    let jsonwebtoken = |token: &str| {
        let data = jsonwebtoken::dangerous::insecure_decode::<Claims>(token).unwrap();
        (data.header, data.claims.sub)
    };
    let jwt_compact = |token: &str| {
        let untrusted = jwt_compact::UntrustedToken::new(token).unwrap();
        let claims = untrusted.deserialize_claims_unchecked::<Claims>().unwrap();
        (untrusted.header().clone(), claims.custom.sub)
    };
    assert_eq!((wasm_jwt(token).1, jsonwebtoken(token).1, jwt_compact(token).1), (SUBJECT.into(), SUBJECT.into(), SUBJECT.into()));
    let mut group = c.benchmark_group("decode");
    group.bench_function(BenchmarkId::from_parameter("wasm-jwt"), |b| b.iter(|| wasm_jwt(black_box(token))));
    group.bench_function(BenchmarkId::from_parameter("jsonwebtoken"), |b| b.iter(|| jsonwebtoken(black_box(token))));
    group.bench_function(BenchmarkId::from_parameter("jwt-compact"), |b| b.iter(|| jwt_compact(black_box(token))));
    group.finish();
}

fn config() -> Criterion {
    // Short runs by default (about a minute for everything); `-- --measurement-time 10` for longer.
    Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2)).sample_size(30)
}

criterion_group! { name = benches; config = config(); targets = verify, decode }
criterion_main!(benches);
