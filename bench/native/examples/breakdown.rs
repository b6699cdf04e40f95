//! wasm-jwt's HS256 verify and decode taken apart, with jsonwebtoken's for scale, on the
//! criterion benchmark's token: best of five batches, in ns per call. A by-hand tool for
//! profiling (`perf record` on one mode), not a benchmark of record.
//!
//!   cargo run --profile bench --example breakdown             # every mode, 2,000,000 calls each
//!   cargo run --profile bench --example breakdown decode 5000000

use std::hint::black_box;
use std::time::Instant;
use serde::Deserialize;
use wasm_jwt::{Algorithm, IssuedAt, Key, SignOptions, VerifyOptions};

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Claims { sub: String, name: String, admin: bool }

fn main() {
    let mode = std::env::args().nth(1).unwrap_or("all".into());
    let n: u64 = std::env::args().nth(2).map(|s| s.parse().unwrap()).unwrap_or(2_000_000);
    let key = Key::hmac(b"a 32-byte secret for the HS256 benchmark").unwrap();
    let payload = serde_json::json!({ "sub": "1234567890", "name": "John Doe", "admin": true, "exp": 4_102_444_800u64 });
    let token = wasm_jwt::sign(&payload, &key, &SignOptions::new().alg(Algorithm::HS256).issued_at(IssuedAt::At(1_700_000_000))).unwrap();
    let options = VerifyOptions::new().algorithms([Algorithm::HS256]);
    let run = |name: &str, f: &dyn Fn() -> usize| {
        if mode != "all" && mode != name { return; }
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let mut s = 0;
            for _ in 0..n / 5 { s += f(); }
            black_box(s);
            best = best.min(t.elapsed().as_nanos() as f64 / (n / 5) as f64);
        }
        println!("{name:12} {best:7.1} ns");
    };
    run("verify_as", &|| wasm_jwt::verify_as::<Claims>(black_box(&token), &key, &options).unwrap().claims.sub.len());
    run("verify", &|| wasm_jwt::verify(black_box(&token), &key, &options).unwrap().payload_json().len());
    run("decode_full", &|| { let d = wasm_jwt::decode(black_box(&token)).unwrap(); let h = (d.alg().and_then(|a| Algorithm::from_name(a).ok()), d.typ().map(String::from), d.kid().map(String::from)); h.1.unwrap().len() + d.claims_as::<Claims>().unwrap().sub.len() });
    run("decode", &|| wasm_jwt::decode(black_box(&token)).unwrap().payload_json().len());
    let v = wasm_jwt::verify(&token, &key, &options).unwrap();
    run("claims_as", &|| v.claims_as::<Claims>().unwrap().sub.len());
    let sig_only = VerifyOptions::new().algorithms([Algorithm::HS256]);
    run("verify_jws", &|| wasm_jwt::verify_jws(black_box(&token), &key, &sig_only).unwrap().payload().len());
    let secret = b"a 32-byte secret for the HS256 benchmark";
    let dk = jsonwebtoken::DecodingKey::from_secret(secret).unwrap();
    let validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    run("jwt_verify", &|| jsonwebtoken::decode::<Claims>(black_box(&token), &dk, &validation).unwrap().claims.sub.len());
    run("jwt_decode", &|| { let d = jsonwebtoken::dangerous::insecure_decode::<Claims>(black_box(&token)).unwrap(); d.header.typ.unwrap().len() + d.claims.sub.len() });
}
