//! RS256/384/512 (RSASSA-PKCS1-v1_5) and PS256/384/512 (RSASSA-PSS with MGF1 and a
//! salt as long as the hash), RFC 7518 sections 3.3 and 3.5. Verification is this
//! module's own (`montgomery`, `emsa`): only public values, and a fraction of the `rsa`
//! crate's code in the wasm; signing, private keys, key generation and RSA-OAEP are the
//! `rsa` crate's.
//!
//! Every way in (JWK members, PKCS#1, SPKI, PKCS#8) ends in [`RsaKey::from_parts`],
//! so the size, exponent and ROCA checks apply to all of them.

mod emsa;
mod montgomery;

#[cfg(feature = "sign")]
use alloc::boxed::Box;
use alloc::vec::Vec;

use rsa::pkcs1::der::{Decode, Encode};
use rsa::pkcs1::RsaPublicKeyRef;
#[cfg(feature = "sign")]
use rsa::pkcs1::{EncodeRsaPrivateKey, RsaPrivateKeyRef};
#[cfg(feature = "sign")]
use rsa::pkcs8::EncodePrivateKey;
#[cfg(feature = "rand")]
use rsa::traits::PublicKeyParts;
#[cfg(feature = "rand")]
use rsa::Pss;
#[cfg(feature = "sign")]
use rsa::{BoxedUint, Pkcs1v15Sign, RsaPrivateKey};
#[cfg(feature = "sign")]
use sha2::digest::{const_oid::AssociatedOid, FixedOutputReset};
use sha2::digest::Digest;
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use montgomery::Modulus;

use super::Algorithm;
use crate::error::{Error, ErrorCode};

/// The smallest modulus accepted (RFC 7518 section 3.3 requires 2048 bits).
pub(crate) const MIN_BITS: usize = 2048;
/// The largest modulus accepted (the `rsa` crate's limit too), which also bounds the work an attacker-chosen key can cause.
const MAX_BITS: usize = 8192;
/// The largest public exponent accepted (F4, which nearly every key uses): verification
/// time grows with the exponent's length, and the `rsa` crate alone allows up to 2^33 - 1.
pub const MAX_RSA_PUBLIC_EXPONENT: u32 = 65537;

fn invalid(message: impl Into<alloc::string::String>) -> Error {
    Error::new(ErrorCode::InvalidKey, message)
}

/// The integers of an RSA key as big-endian bytes; the private ones are absent for a public key.
pub(crate) struct RsaParts<'a> {
    pub n: &'a [u8],
    pub e: &'a [u8],
    pub private: Option<RsaPrivateParts<'a>>,
}

/// The private exponent and, when known, the two primes (`dp`, `dq`, `qi` are recomputed).
/// Without the `sign` feature only their presence counts: the key is refused.
#[cfg_attr(not(feature = "sign"), allow(dead_code))]
pub(crate) struct RsaPrivateParts<'a> {
    pub d: &'a [u8],
    pub primes: Option<(&'a [u8], &'a [u8])>,
}

/// JWK member names with their big-endian integer values.
pub(crate) type JwkMembers = Vec<(&'static str, Zeroizing<Vec<u8>>)>;

/// An RSA public key, and its private half when the key can sign.
#[derive(Clone)]
pub(crate) struct RsaKey {
    public: PublicKey,
    #[cfg(feature = "sign")]
    private: Option<Box<RsaPrivateKey>>,
}

/// The public half: the modulus (big-endian, no leading zeros) ready for verification.
#[derive(Clone)]
struct PublicKey {
    n: Vec<u8>,
    e: u32,
    modulus: Modulus,
}

impl PublicKey {
    /// `n` and `e` already checked by [`check_modulus`] and [`check_exponent`].
    fn new(n: &[u8], e: u32) -> Result<PublicKey, Error> {
        let modulus = Modulus::new(n).ok_or_else(|| invalid("the RSA public key is not valid"))?;
        Ok(PublicKey { n: n.to_vec(), e, modulus })
    }

    /// `e` big-endian without leading zeros, as JWK and DER write it.
    fn e_bytes(&self) -> Vec<u8> {
        trim_zeros(&self.e.to_be_bytes()).to_vec()
    }
}

impl RsaKey {
    /// Builds a key from its integers: an odd modulus of 2048 to 8192 bits (`weak_key`
    /// below), an odd exponent from 3 to [`MAX_RSA_PUBLIC_EXPONENT`], no ROCA
    /// fingerprint, and a private half that matches.
    pub(crate) fn from_parts(parts: &RsaParts<'_>) -> Result<RsaKey, Error> {
        let (n, e) = (trim_zeros(parts.n), trim_zeros(parts.e));
        check_modulus(n)?;
        let public = PublicKey::new(n, check_exponent(e)?)?;
        match &parts.private {
            None => Ok(RsaKey::public_only(public)),
            #[cfg(not(feature = "sign"))]
            Some(_) => Err(super::private_keys_not_read("the RSA JWK (it has \"d\")")),
            #[cfg(feature = "sign")]
            Some(private) => {
                let (n, e) = (BoxedUint::from_be_slice_vartime(n), BoxedUint::from_be_slice_vartime(e));
                let d = BoxedUint::from_be_slice_vartime(trim_zeros(private.d));
                let primes = private.primes.map(|(p, q)| [p, q].map(|x| BoxedUint::from_be_slice_vartime(trim_zeros(x))).to_vec()).unwrap_or_default();
                let key = RsaPrivateKey::from_components(n, e, d, primes).map_err(|_| invalid("the RSA private key is not valid (its numbers do not belong together)"))?;
                Ok(RsaKey { public, private: Some(Box::new(key)) })
            }
        }
    }

    fn public_only(public: PublicKey) -> RsaKey {
        RsaKey {
            public,
            #[cfg(feature = "sign")]
            private: None,
        }
    }

    /// Reads a PKCS#1 `RSAPublicKey` (DER).
    pub(crate) fn from_pkcs1_public_der(der: &[u8]) -> Result<RsaKey, Error> {
        let key = RsaPublicKeyRef::from_der(der).map_err(|_| invalid("the PKCS#1 RSA public key is not valid DER"))?;
        Self::from_parts(&RsaParts { n: key.modulus.as_bytes(), e: key.public_exponent.as_bytes(), private: None })
    }

    /// Reads a PKCS#1 `RSAPrivateKey` (DER); multi-prime keys are refused.
    #[cfg(feature = "sign")]
    pub(crate) fn from_pkcs1_private_der(der: &[u8]) -> Result<RsaKey, Error> {
        let key = RsaPrivateKeyRef::from_der(der).map_err(|_| invalid("the PKCS#1 RSA private key is not valid DER"))?;
        if key.other_prime_infos.is_some() {
            return Err(invalid("multi-prime RSA keys are not supported"));
        }
        let private = RsaPrivateParts { d: key.private_exponent.as_bytes(), primes: Some((key.prime1.as_bytes(), key.prime2.as_bytes())) };
        Self::from_parts(&RsaParts { n: key.modulus.as_bytes(), e: key.public_exponent.as_bytes(), private: Some(private) })
    }

    pub(crate) fn is_private(&self) -> bool {
        #[cfg(feature = "sign")]
        return self.private.is_some();
        #[cfg(not(feature = "sign"))]
        false
    }

    /// The modulus length in bits.
    pub(crate) fn bits(&self) -> usize {
        self.public.n.len() * 8 - self.public.n[0].leading_zeros() as usize
    }

    /// Checks an RS* or PS* signature, which must be exactly as long as the modulus and,
    /// as a number, below it.
    // Not inlined into the verify path: V8 compiles a wasm function whole on its first call,
    // so a token of another family does not compile this family's arithmetic (cold start).
    #[inline(never)]
    pub(crate) fn verify(&self, alg: Algorithm, input: &[u8], signature: &[u8]) -> Result<(), Error> {
        self.check_form(alg, signature)?;
        let (hash, padding) = scheme(alg)?;
        let encoded = self.public.modulus.pow(signature, self.public.e);
        let matches = encoded.is_some_and(|em| match hash {
            Hash::Sha256 => encoded_matches::<Sha256>(&em, padding, emsa::SHA256_DIGEST_INFO, input, self.bits()),
            Hash::Sha384 => encoded_matches::<Sha384>(&em, padding, emsa::SHA384_DIGEST_INFO, input, self.bits()),
            Hash::Sha512 => encoded_matches::<Sha512>(&em, padding, emsa::SHA512_DIGEST_INFO, input, self.bits()),
        });
        if !matches {
            return Err(Error::new(ErrorCode::BadSignature, message!("the ", alg, " signature does not match")));
        }
        Ok(())
    }

    /// What the core checks of a signature before any arithmetic, whoever does that: it
    /// has exactly as many bytes as the modulus.
    pub(crate) fn check_form(&self, alg: Algorithm, signature: &[u8]) -> Result<(), Error> {
        if signature.len() != self.public.n.len() {
            return Err(Error::new(
                ErrorCode::BadSignature,
                message!("an ", alg, " signature with this ", self.bits(), "-bit key has ", self.public.n.len(), " bytes, not ", signature.len()),
            ));
        }
        Ok(())
    }

    /// Signs with RS* or PS*. PS* needs randomness for its salt (the `rand` feature);
    /// with that feature RS* signing is also blinded.
    #[cfg(feature = "sign")]
    pub(crate) fn sign(&self, alg: Algorithm, input: &[u8]) -> Result<Vec<u8>, Error> {
        let private = self.private.as_deref().ok_or_else(|| super::public_cannot_sign(alg))?;
        match scheme(alg)? {
            (Hash::Sha256, padding) => sign_with::<Sha256>(private, padding, input),
            (Hash::Sha384, padding) => sign_with::<Sha384>(private, padding, input),
            (Hash::Sha512, padding) => sign_with::<Sha512>(private, padding, input),
        }
    }

    /// RSA-OAEP (SHA-1) or RSA-OAEP-256 decryption of a wrapped key; `None` for a public
    /// key or any failure, which the caller reports as one error.
    #[cfg(feature = "jwe")]
    pub(crate) fn oaep_decrypt(&self, sha256: bool, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        fn run<D: Digest + FixedOutputReset + Send + Sync + 'static>(key: &RsaPrivateKey, ciphertext: &[u8]) -> rsa::Result<Vec<u8>> {
            // Blinded when randomness is available, as signing is.
            #[cfg(feature = "rand")]
            return key.decrypt_blinded(&mut super::random::rng().map_err(|_| rsa::Error::Internal)?, rsa::Oaep::<D>::new(), ciphertext);
            #[cfg(not(feature = "rand"))]
            return key.decrypt(rsa::Oaep::<D>::new(), ciphertext);
        }
        let private = self.private.as_deref()?;
        let plain = if sha256 { run::<Sha256>(private, ciphertext) } else { run::<sha1::Sha1>(private, ciphertext) };
        plain.ok().map(Zeroizing::new)
    }

    /// RSA-OAEP (SHA-1) or RSA-OAEP-256 encryption of a content key.
    #[cfg(all(feature = "jwe", feature = "rand"))]
    pub(crate) fn oaep_encrypt(&self, sha256: bool, message: &[u8]) -> Result<Vec<u8>, Error> {
        let mut rng = super::random::rng()?;
        let (n, e) = (BoxedUint::from_be_slice_vartime(&self.public.n), BoxedUint::from_be_slice_vartime(&self.public.e_bytes()));
        let public = rsa::RsaPublicKey::new(n, e).map_err(|_| invalid("the RSA public key is not valid"))?;
        let encrypted = if sha256 {
            public.encrypt(&mut rng, rsa::Oaep::<Sha256>::new(), message)
        } else {
            public.encrypt(&mut rng, rsa::Oaep::<sha1::Sha1>::new(), message)
        };
        encrypted.map_err(|_| invalid("RSA-OAEP encryption failed"))
    }

    /// A new 2048-bit key with exponent 65537. Slow: prime generation takes seconds in wasm.
    #[cfg(feature = "rand")]
    pub(crate) fn generate() -> Result<RsaKey, Error> {
        let private = RsaPrivateKey::new(&mut super::random::rng()?, MIN_BITS).map_err(|_| invalid("RSA key generation failed"))?;
        let e = check_exponent(trim_zeros(&private.e_bytes()))?;
        let public = PublicKey::new(trim_zeros(&private.n_bytes()), e)?;
        Ok(RsaKey { public, private: Some(Box::new(private)) })
    }

    /// The JWK members after `kty`: `n`, `e`, and with `include_private` also
    /// `d`, `p`, `q`, `dp`, `dq`, `qi` (RFC 7518 section 6.3).
    #[cfg_attr(not(feature = "sign"), allow(unused_variables, unused_mut))]
    pub(crate) fn jwk_members(&self, include_private: bool) -> Result<JwkMembers, Error> {
        let mut members = alloc::vec![("n", Zeroizing::new(self.public.n.clone())), ("e", Zeroizing::new(self.public.e_bytes()))];
        #[cfg(feature = "sign")]
        if let Some(private) = self.private.as_deref().filter(|_| include_private) {
            let der = private.to_pkcs1_der().map_err(|_| invalid("the RSA private key could not be encoded"))?;
            let key = RsaPrivateKeyRef::from_der(der.as_bytes()).map_err(|_| invalid("the RSA private key could not be encoded"))?;
            for (name, value) in [
                ("d", key.private_exponent),
                ("p", key.prime1),
                ("q", key.prime2),
                ("dp", key.exponent1),
                ("dq", key.exponent2),
                ("qi", key.coefficient),
            ] {
                members.push((name, Zeroizing::new(value.as_bytes().to_vec())));
            }
        }
        Ok(members)
    }

    /// The public key as a DER `SubjectPublicKeyInfo`.
    pub(crate) fn spki_der(&self) -> Result<Vec<u8>, Error> {
        let failed = |_| invalid("the RSA public key could not be encoded");
        let e = self.public.e_bytes();
        let pkcs1 = RsaPublicKeyRef { modulus: der::asn1::UintRef::new(&self.public.n).map_err(failed)?, public_exponent: der::asn1::UintRef::new(&e).map_err(failed)? };
        let pkcs1 = pkcs1.to_der().map_err(failed)?;
        let subject_public_key = der::asn1::BitStringRef::from_bytes(&pkcs1).map_err(failed)?;
        spki::SubjectPublicKeyInfoRef { algorithm: rsa::pkcs1::ALGORITHM_ID, subject_public_key }.to_der().map_err(failed)
    }

    /// The private key as a DER PKCS#8 `PrivateKeyInfo`, if there is one.
    #[cfg(feature = "sign")]
    pub(crate) fn pkcs8_der(&self) -> Option<Result<Zeroizing<Vec<u8>>, Error>> {
        let private = self.private.as_deref()?;
        Some(private.to_pkcs8_der().map(|doc| Zeroizing::new(doc.as_bytes().to_vec())).map_err(|_| invalid("the RSA private key could not be encoded")))
    }
}

impl core::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RsaKey({} bits, {})", self.bits(), if self.is_private() { "private, redacted" } else { "public" })
    }
}

#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

#[derive(Clone, Copy)]
enum Padding {
    Pkcs1v15,
    Pss,
}

fn scheme(alg: Algorithm) -> Result<(Hash, Padding), Error> {
    Ok(match alg {
        Algorithm::RS256 => (Hash::Sha256, Padding::Pkcs1v15),
        Algorithm::RS384 => (Hash::Sha384, Padding::Pkcs1v15),
        Algorithm::RS512 => (Hash::Sha512, Padding::Pkcs1v15),
        Algorithm::PS256 => (Hash::Sha256, Padding::Pss),
        Algorithm::PS384 => (Hash::Sha384, Padding::Pss),
        Algorithm::PS512 => (Hash::Sha512, Padding::Pss),
        _ => return Err(super::wrong_family(alg)),
    })
}

/// Whether `em`, the signature raised to `e`, encodes `D(input)` under `padding`.
fn encoded_matches<D: Digest>(em: &[u8], padding: Padding, digest_info: &[u8], input: &[u8], modulus_bits: usize) -> bool {
    let hashed = D::digest(input);
    match padding {
        Padding::Pkcs1v15 => emsa::pkcs1v15_matches(em, digest_info, &hashed),
        Padding::Pss => emsa::pss_matches::<D>(em, &hashed, modulus_bits),
    }
}

#[cfg(feature = "sign")]
fn sign_with<D>(key: &RsaPrivateKey, padding: Padding, input: &[u8]) -> Result<Vec<u8>, Error>
where
    D: Digest + FixedOutputReset + AssociatedOid,
{
    let hashed = D::digest(input);
    let failed = |_| invalid("RSA signing failed");
    match padding {
        #[cfg(feature = "rand")]
        Padding::Pkcs1v15 => key.sign_with_rng(&mut super::random::rng()?, Pkcs1v15Sign::new::<D>(), &hashed).map_err(failed),
        #[cfg(not(feature = "rand"))]
        Padding::Pkcs1v15 => key.sign(Pkcs1v15Sign::new::<D>(), &hashed).map_err(failed),
        #[cfg(feature = "rand")]
        Padding::Pss => key.sign_with_rng(&mut super::random::rng()?, Pss::<D>::new(), &hashed).map_err(failed),
        #[cfg(not(feature = "rand"))]
        Padding::Pss => Err(Error::new(ErrorCode::UnsupportedAlg, "PS* signing needs a random salt: build with the `rand` feature")),
    }
}

fn trim_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// Refuses moduli below 2048 bits (`weak_key`), above 8192 bits, even, or with the ROCA fingerprint.
fn check_modulus(n: &[u8]) -> Result<(), Error> {
    let bits = n.first().map_or(0, |&top| n.len() * 8 - top.leading_zeros() as usize);
    if bits < MIN_BITS {
        return Err(Error::new(ErrorCode::WeakKey, message!("the RSA key has ", bits, " bits; at least ", MIN_BITS, " are required (RFC 7518 section 3.3)")));
    }
    if bits > MAX_BITS {
        return Err(invalid(message!("the RSA key has ", bits, " bits; at most ", MAX_BITS, " are supported")));
    }
    if n.last().is_some_and(|&low| low % 2 == 0) {
        return Err(invalid("the RSA modulus is even, so it is not an RSA modulus (the product of two odd primes is odd)"));
    }
    if has_roca_fingerprint(n) {
        return Err(Error::new(
            ErrorCode::WeakKey,
            "the RSA key was made by a generator with the ROCA flaw (CVE-2017-15361), so its private key can be computed from it",
        ));
    }
    Ok(())
}

/// Refuses public exponents below 3, even, or above [`MAX_RSA_PUBLIC_EXPONENT`];
/// `e` is big-endian without leading zeros.
fn check_exponent(e: &[u8]) -> Result<u32, Error> {
    // More than four bytes is above the cap whatever they hold.
    let value = if e.len() > 4 { u64::MAX } else { e.iter().fold(0u64, |acc, &byte| acc << 8 | u64::from(byte)) };
    if value > u64::from(MAX_RSA_PUBLIC_EXPONENT) {
        return Err(invalid(message!("the RSA public exponent is above ", MAX_RSA_PUBLIC_EXPONENT, "; larger exponents make verification slow and are refused")));
    }
    if value < 3 {
        return Err(invalid(message!("the RSA public exponent is ", value, "; it must be at least 3")));
    }
    if value % 2 == 0 {
        return Err(invalid(message!("the RSA public exponent is ", value, ", an even number; an RSA exponent is odd")));
    }
    Ok(value as u32)
}

/// The primes of the ROCA test (Nemec et al., CCS 2017): a vulnerable modulus, taken
/// modulo each of them, always lies in the subgroup generated by 65537.
const ROCA_PRIMES: [u32; 38] =
    [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167];

/// Whether `n` (big-endian) has the fingerprint of keys from the flawed Infineon generator.
fn has_roca_fingerprint(n: &[u8]) -> bool {
    ROCA_PRIMES.iter().all(|&p| {
        let residue = n.iter().fold(0u32, |acc, &byte| (acc * 256 + u32::from(byte)) % p);
        in_subgroup_of_65537(residue, p)
    })
}

/// Whether `residue` is a power of 65537 modulo the prime `p`.
fn in_subgroup_of_65537(residue: u32, p: u32) -> bool {
    let generator = 65537 % p;
    let mut power = 1;
    for _ in 0..p {
        if power == residue {
            return true;
        }
        power = power * generator % p;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_moduli_are_weak_and_odd_exponents_required() {
        let n_1024 = [0xc5u8; 128];
        let e = [1u8, 0, 1];
        let parts = RsaParts { n: &n_1024, e: &e, private: None };
        assert_eq!(RsaKey::from_parts(&parts).unwrap_err().code(), ErrorCode::WeakKey);
        let n_2048 = [0xc5u8; 256];
        for bad_e in [&[1u8][..], &[2], &[]] {
            let parts = RsaParts { n: &n_2048, e: bad_e, private: None };
            assert_eq!(RsaKey::from_parts(&parts).unwrap_err().code(), ErrorCode::InvalidKey, "{bad_e:?}");
        }
        let huge = [0xffu8; 1025];
        assert_eq!(RsaKey::from_parts(&RsaParts { n: &huge, e: &e, private: None }).unwrap_err().code(), ErrorCode::InvalidKey);
    }

    #[test]
    fn faults_of_modulus_and_exponent_are_named() {
        let n_2048 = [0xc5u8; 256];
        let mut even = n_2048;
        even[255] = 0xc4;
        let e = RsaKey::from_parts(&RsaParts { n: &even, e: &[1, 0, 1], private: None }).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidKey);
        assert!(e.message().contains("modulus is even"), "{e}");
        let cases: [(&[u8], &str); 4] = [(&[1], "is 1; it must be at least 3"), (&[], "is 0;"), (&[2], "is 2; it must be at least 3"), (&[1, 0, 0], "65536, an even number")];
        for (bad_e, expected) in cases {
            let e = RsaKey::from_parts(&RsaParts { n: &n_2048, e: bad_e, private: None }).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidKey, "{bad_e:?}");
            assert!(e.message().contains(expected), "{bad_e:?}: {e}");
        }
    }

    #[test]
    fn public_exponents_above_65537_are_refused() {
        let n_2048 = [0xc5u8; 256];
        for good_e in [&[3u8][..], &[1, 0, 1], &[0, 0, 1, 0, 1]] {
            assert!(RsaKey::from_parts(&RsaParts { n: &n_2048, e: good_e, private: None }).is_ok(), "{good_e:?}");
        }
        let above = "the RSA public exponent is above 65537; larger exponents make verification slow and are refused";
        for big_e in [&[1u8, 0, 3][..], &[1, 0, 0, 0, 1], &[0xff; 4], &[1; 300]] {
            let e = RsaKey::from_parts(&RsaParts { n: &n_2048, e: big_e, private: None }).unwrap_err();
            assert_eq!((e.code(), e.message()), (ErrorCode::InvalidKey, above), "{big_e:?}");
        }
        // Through DER (PKCS#1 RSAPublicKey) and PEM too, which end in the same check.
        let der = pkcs1_public_der(&n_2048, &[1, 0, 3]);
        assert_eq!(RsaKey::from_pkcs1_public_der(&der).unwrap_err().message(), above);
        assert!(RsaKey::from_pkcs1_public_der(&pkcs1_public_der(&n_2048, &[1, 0, 1])).is_ok());
        let pem = der::pem::encode_string("RSA PUBLIC KEY", der::pem::LineEnding::LF, &der).unwrap();
        assert_eq!(crate::Key::from_pem(&pem).unwrap_err().message(), above);
    }

    /// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` for a 2048-bit
    /// modulus with its top bit set and an exponent of at most 127 bytes.
    fn pkcs1_public_der(n: &[u8; 256], e: &[u8]) -> Vec<u8> {
        let modulus = [&[0x02, 0x82, 0x01, 0x01, 0x00][..], n].concat();
        let exponent = [&[0x02, e.len() as u8][..], e].concat();
        let body = [modulus, exponent].concat();
        [&[0x30, 0x82, (body.len() >> 8) as u8, body.len() as u8][..], &body].concat()
    }

    #[test]
    fn roca_test_uses_the_subgroup_of_65537() {
        // Modulo 7, 65537 = 5, which generates all of 1..=6; modulo 11, 65537 = 10 generates {1, 10}.
        assert!((1..7).all(|r| in_subgroup_of_65537(r, 7)));
        assert!(in_subgroup_of_65537(10, 11) && !in_subgroup_of_65537(2, 11));
        assert!(!has_roca_fingerprint(&[0xc5; 256]));
    }

    #[test]
    fn leading_zeros_do_not_count() {
        assert_eq!(trim_zeros(&[0, 0, 1, 0]), &[1, 0]);
        assert_eq!(trim_zeros(&[0, 0]), &[] as &[u8]);
    }


    /// RS256 is deterministic (blinding does not change the result): RFC 7520 section 4.1's signature.
    #[test]
    fn cookbook_4_1_signature_is_reproduced() {
        extern crate std;
        let path = std::format!("{}/../shared/vectors/jose-cookbook/jws/4_1.rsa_v15_signature.json", env!("CARGO_MANIFEST_DIR"));
        let case: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let key = crate::Key::from_jwk(&serde_json::to_string(&case["input"]["key"]).unwrap()).unwrap();
        let crate::keys::Material::Rsa(rsa) = key.material() else { panic!("an RSA key") };
        let input = case["signing"]["sig-input"].as_str().unwrap().as_bytes();
        let signature = rsa.sign(Algorithm::RS256, input).unwrap();
        assert_eq!(crate::base64url::encode(&signature), case["signing"]["sig"].as_str().unwrap());
        rsa.verify(Algorithm::RS256, input, &signature).unwrap();
    }
}
