//! Known-answer tests from the RFCs: the RFC 7520 cookbook (4.1 RS256, 4.2 PS384,
//! 4.3 ES512, RFC 8037's Ed25519 example in `curve25519/jws.json`), RFC 7515
//! appendices A.2-A.4, the RFC 7638 and RFC 8037 thumbprints, and the cookbook keys
//! read from PEM (PKCS#1, SEC1, PKCS#8, X.509) written by another implementation
//! (Python `cryptography`), which must give back the cookbook's JWK members.

#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

use std::path::PathBuf;

use wasm_jwt::{decode, sign_json, verify, verify_jws, Algorithm, ErrorCode, IssuedAt, Key, SignOptions, VerifyOptions};
use serde_json::Value;

fn vectors(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vectors").join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    serde_json::from_str(&text).unwrap()
}

fn jwk(value: &Value) -> Key {
    Key::from_jwk(&value.to_string()).unwrap()
}

/// The key's JWK as a JSON object.
fn exported(key: &Key, include_private: bool) -> Value {
    serde_json::from_str(&key.to_jwk(include_private).unwrap()).unwrap()
}

/// Checks that `exported` has each of `members` with the value `expected` has.
fn assert_members(exported: &Value, expected: &Value, members: &[&str]) {
    for name in members {
        assert_eq!(exported[name], expected[name], "JWK member {name}");
    }
}

/// Verifies a cookbook JWS with the private key, its public half, and the public key re-read from PEM.
fn check_cookbook_case(path: &str, alg: Algorithm) {
    let case = vectors(path);
    let compact = case["output"]["compact"].as_str().unwrap();
    let private = jwk(&case["input"]["key"]);
    let public = Key::from_jwk(&private.to_jwk(false).unwrap()).unwrap();
    let from_pem = Key::from_pem(&public.to_pem().unwrap()).unwrap();
    assert!(!public.is_private() && !from_pem.is_private());
    for key in [&private, &public, &from_pem] {
        let jws = verify_jws(compact, key, &VerifyOptions::default()).unwrap();
        assert_eq!(jws.alg(), alg);
        assert_eq!(std::str::from_utf8(jws.payload()).unwrap(), case["input"]["payload"].as_str().unwrap());
    }
    let tampered = format!("{}A", &compact[..compact.len() - 1]).replace(".SXT", ".SXQ");
    assert_eq!(verify_jws(&tampered, &public, &VerifyOptions::default()).unwrap_err().code(), ErrorCode::BadSignature);
}

#[test]
fn cookbook_4_1_rs256() {
    check_cookbook_case("jose-cookbook/jws/4_1.rsa_v15_signature.json", Algorithm::RS256);
}

#[test]
fn cookbook_4_2_ps384() {
    check_cookbook_case("jose-cookbook/jws/4_2.rsa-pss_signature.json", Algorithm::PS384);
}

#[test]
fn cookbook_4_3_es512() {
    check_cookbook_case("jose-cookbook/jws/4_3.ecdsa_signature.json", Algorithm::ES512);
}

#[test]
fn rfc8037_ed25519() {
    check_cookbook_case("jose-cookbook/curve25519/jws.json", Algorithm::EdDSA);
    // RFC 9864 names the same signature "Ed25519"; the key serves both names.
    let key = jwk(&vectors("jose-cookbook/curve25519/jws.json")["input"]["key"]);
    let options = |alg| SignOptions { alg: Some(alg), issued_at: IssuedAt::Omit, ..Default::default() };
    let eddsa = sign_json(r#"{"sub":"ada"}"#, &key, &options(Algorithm::EdDSA)).unwrap();
    let ed25519 = sign_json(r#"{"sub":"ada"}"#, &key, &options(Algorithm::Ed25519)).unwrap();
    assert_eq!(decode(&ed25519).unwrap().header()["alg"], "Ed25519");
    assert_eq!(verify(&ed25519, &key, &VerifyOptions::default()).unwrap().alg(), Algorithm::Ed25519);
    assert_eq!(verify(&eddsa, &key, &VerifyOptions::default()).unwrap().alg(), Algorithm::EdDSA);
}

#[test]
fn private_keys_round_trip_through_jwk() {
    for (path, public, private) in [
        ("jose-cookbook/jwk/3_4.rsa_private_key.json", &["kty", "n", "e"][..], &["d", "p", "q", "dp", "dq", "qi"][..]),
        ("jose-cookbook/jwk/3_2.ec_private_key.json", &["kty", "crv", "x", "y"][..], &["d"][..]),
    ] {
        let expected = vectors(path);
        let key = jwk(&expected);
        assert_members(&exported(&key, true), &expected, public);
        assert_members(&exported(&key, true), &expected, private);
        assert_members(&exported(&key, false), &expected, public);
        assert!(private.iter().all(|name| exported(&key, false).get(name).is_none()));
        assert_eq!(exported(&key, true)["kid"], expected["kid"]);
    }
}

const RFC7515_PAYLOAD: &str = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

#[test]
fn rfc7515_a2_rs256() {
    let key = Key::from_jwk(r#"{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}"#).unwrap();
    let token = format!("eyJhbGciOiJSUzI1NiJ9.{RFC7515_PAYLOAD}.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw");
    let verified = verify(&token, &key, &VerifyOptions { now: Some(1_300_819_000.0), ..Default::default() }).unwrap();
    assert_eq!(verified.claims()["iss"], "joe");
    let e = verify(&token, &key, &VerifyOptions { now: Some(1_300_819_381.0), ..Default::default() }).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Expired);
}

#[test]
fn rfc7515_a3_es256() {
    let key = Key::from_jwk(r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#).unwrap();
    let token = format!("eyJhbGciOiJFUzI1NiJ9.{RFC7515_PAYLOAD}.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q");
    let verified = verify(&token, &key, &VerifyOptions { now: Some(1_300_819_000.0), ..Default::default() }).unwrap();
    assert_eq!(verified.alg(), Algorithm::ES256);
}

#[test]
fn rfc7515_a4_es512() {
    let key = Key::from_jwk(r#"{"kty":"EC","crv":"P-521","x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2","d":"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPAxerEzgdRhajnu0ferB0d53vM9mE15j2C"}"#).unwrap();
    let token = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";
    assert_eq!(verify_jws(token, &key, &VerifyOptions::default()).unwrap().payload(), b"Payload");
}

#[test]
fn rfc7638_and_rfc8037_thumbprints() {
    let rsa = Key::from_jwk(r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#).unwrap();
    assert_eq!(rsa.thumbprint().unwrap(), "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    let ed = jwk(&vectors("jose-cookbook/curve25519/jws.json")["input"]["key"]);
    assert_eq!(ed.thumbprint().unwrap(), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    // A private key has the thumbprint of its public key.
    let public = Key::from_jwk(&ed.to_jwk(false).unwrap()).unwrap();
    assert_eq!(public.thumbprint().unwrap(), ed.thumbprint().unwrap());
}

// The cookbook keys as another implementation (Python `cryptography` 48) writes them.
const RSA_PKCS1_PRIVATE: &str = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAn4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8/KuKPEHLd4\nrHVTeT+O+XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz/AJmSCpMaJMRBSFKrKb2wqVwG\nU/NsYOYL+QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj+oBHqFEHYpP\ne7Tpe+OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzw\nOHrtIQbS0FVbb9k3+tVTU4fg/3L/vniUFAKwuCLqKnS2BYwdq/mzSnbLY7h/qixo\nR7jig3//kRhuaxwUkRz5iaiQkqgc5gHdrNP5zwIDAQABAoIBAG1lAvQfhBUSKPJK\nRn4dGbshj7zDSr2FjbQf4pIh/ZNtHk/jtavyO/HomZKV8V0NFExLNi7DUUvvLiW7\n0PgNYq5MDEjJCtSd10xoHa4QpLvYEZXWO7DQPwCmRofkOutf+NqyDS0QnvFvp2d+\nLov6jn5C5yvUFgw6qWiLAPmzMFlkgxbtjFAWMJB0zBMy2BqjntOJ6KnqtYRMQUxw\nTgXZDF4rhYVKtQVOpfg6hIlsaoPNrF7dofizJ099OOgDmCaEYqM++bUlEHxgrIVk\nwZz+bg43dfJCocr9O5YX0iXaz3TOT5cpdtYbBX+C/5hwrqBWru4HbD3xz8cY1TnD\nqQa0M8ECgYEA3Slxg/DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex/fp7AZ/9\nnRaO7HX/+SFfGQeutao2TDjDAWU4Vupk8rw9JR0AzZ0N2fvuIAmr/WCsmGpeNqQn\nev1T7IyEsnh8UMt+n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0kCgYEAuKE2\ndh+cTf6ERF4k4e/jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR/cu0Dm1MZwW\nmtdqDyI95HrUeq3MP15vMMON8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoB\nvyY898EXvRD+hdqRxHlSqAZ192zB3pVFJ0s7pFcCgYAHw9W9eS8muPYv4ZhDu/fL\n2vorDmD1JqFcHCxZTOnX1NWWAj5hXzmrU0hvWvFC0P4ixddHf5Nqd6+5E9G3k4E5\n2IwZCnylu3bqCWNh8pT8T3Gf5FQsfPT5530T2BcsoPhUaeCnP499D+rb2mTnFYeg\nmnTT1B/Ue8KGLFFfn16GKQKBgAiw5gxnbocpXPaO6/OKxFFZ+6c0OjxfN2PogWce\nTU/k6ZzmShdaRKwDFXisxRJeNQ5Rx6qgS0jNFtbDhW8E8WFmQ5urCOqIOYk28EBi\nAt4JySm4v+5P7yYBh8B8YD2l9j57z/s8hJAxEbn/q8uHP2ddQqvQKgtsni+pHSk9\nXGBfAoGBANz4qr10DdM8DHhPrAb2YItvPVz/VwkBd1Vqj8zCpyIEKe/07oKOvjWQ\nSgkLDH9x2hBgY01SbP43CvPk0V72invu2TGkI/FXwXWJLLG7tDSgw4YyfhrYrHmg\n1Vre3XB9HH8MYBVB6UIexaAq4xSeoemRKTBesZro7OKjKT8/GmiO\n-----END RSA PRIVATE KEY-----\n";

const RSA_PKCS1_PUBLIC: &str = "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEAn4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8/KuKPEHLd4rHVT\neT+O+XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz/AJmSCpMaJMRBSFKrKb2wqVwGU/Ns\nYOYL+QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj+oBHqFEHYpPe7Tp\ne+OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrt\nIQbS0FVbb9k3+tVTU4fg/3L/vniUFAKwuCLqKnS2BYwdq/mzSnbLY7h/qixoR7ji\ng3//kRhuaxwUkRz5iaiQkqgc5gHdrNP5zwIDAQAB\n-----END RSA PUBLIC KEY-----\n";

const EC_SEC1: &str = "-----BEGIN EC PRIVATE KEY-----\nMIHcAgEBBEIACFE43av1ypdfWGD5GgjpHW1fmnatQBh2akdmgLVc0znoq2xytfrN\nsqKlCsJb0IZkfdPi5umehMosNgn98Xf+sm2gBwYFK4EEACOhgYkDgYYABABymSyz\nrAjs8+XGPe3sDVGowfee8vgvlPPHN79d55hmcerGJf6CV7vQOUZEyqo6r48npFhf\nu8rQ8kV2IAheXI9CrQHcppR7zoi8V5BIWsl0JzQrw1+IfYbWWgiTd+JH5guqVeTo\nUB4q2lckrFHWkJAIAz68EKyZm51/XMJRnz/h6h2UdQ==\n-----END EC PRIVATE KEY-----\n";

const ED_PKCS8: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";

const CERT_P256: &str = "-----BEGIN CERTIFICATE-----\nMIIBFjCBvaADAgECAgEBMAoGCCqGSM49BAMCMBUxEzARBgNVBAMMCnJmYzc1MTUt\nYTMwHhcNMjQwMTAxMDAwMDAwWhcNMzMxMjI5MDAwMDAwWjAVMRMwEQYDVQQDDApy\nZmM3NTE1LWEzMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vu\nb9tLe1gHMzV76e8Tus9uPHvRVEXH8UTNG72bfocs3+257rn0s2ldbqkLJK2KRiMo\nhYjlrTAKBggqhkjOPQQDAgNIADBFAiAD7QdFfet7k4rJO0yanmDJad7BMaSL6vXi\nUYoftlYjzQIhALyze/bwZV7AHEc1wgklPzxFQ6pZL1pgqCCqC2lRpTY3\n-----END CERTIFICATE-----\n";

#[test]
fn pkcs1_rsa_keys_match_the_cookbook() {
    let expected = vectors("jose-cookbook/jwk/3_4.rsa_private_key.json");
    let private = Key::from_pem(RSA_PKCS1_PRIVATE).unwrap();
    assert_members(&exported(&private, true), &expected, &["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"]);
    let public = Key::from_pem(RSA_PKCS1_PUBLIC).unwrap();
    assert!(!public.is_private());
    assert_members(&exported(&public, false), &expected, &["kty", "n", "e"]);
    // Written back as PKCS#8 and SPKI, then read again.
    assert_eq!(Key::from_pem(&private.to_pem().unwrap()).unwrap().to_jwk(true).unwrap(), private.to_jwk(true).unwrap());
    assert!(private.to_pem().unwrap().starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(public.to_pem().unwrap().starts_with("-----BEGIN PUBLIC KEY-----\n"));
}

#[test]
fn sec1_ec_key_matches_the_cookbook() {
    let expected = vectors("jose-cookbook/jwk/3_2.ec_private_key.json");
    let key = Key::from_pem(EC_SEC1).unwrap();
    assert_members(&exported(&key, true), &expected, &["kty", "crv", "x", "y", "d"]);
    assert_eq!(key.default_alg(), Some(Algorithm::ES512));
    assert_eq!(Key::from_pem(&key.to_pem().unwrap()).unwrap().to_jwk(true).unwrap(), key.to_jwk(true).unwrap());
}

#[test]
fn pkcs8_ed25519_key_matches_rfc8037() {
    let expected = &vectors("jose-cookbook/curve25519/jws.json")["input"]["key"];
    let key = Key::from_pem(ED_PKCS8).unwrap();
    assert_members(&exported(&key, true), expected, &["kty", "crv", "x", "d"]);
    assert_eq!(key.to_pem().unwrap(), ED_PKCS8);
}

#[test]
fn certificate_public_key_is_read() {
    let key = Key::from_pem(CERT_P256).unwrap();
    assert!(!key.is_private());
    let jwk = exported(&key, false);
    assert_eq!((jwk["crv"].as_str(), jwk["x"].as_str(), jwk["y"].as_str()), (Some("P-256"), Some("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"), Some("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0")));
    // Text around the block (as in a file with a chain, or openssl's "Bag Attributes") is skipped.
    assert!(Key::from_pem(&format!("subject=CN = rfc7515-a3\n{CERT_P256}{CERT_P256}")).is_ok());
    let cut = CERT_P256.replace("MIIBFjCBvaADAgECAgEBMAoGCCqGSM49BAMCMBUxEzARBgNVBAMMCnJmYzc1MTUt\n", "");
    assert_eq!(Key::from_pem(&cut).unwrap_err().code(), ErrorCode::InvalidKey);
}
