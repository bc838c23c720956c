//! API keys: `cx_<prefix>_<secret>`. The prefix finds the key; only a SHA-256 hash of the secret is
//! stored. A fast hash is right here because the secret is 32 random characters, not a password:
//! there is nothing to guess, and verification stays cheap on every request.

use rand::Rng;
use rand::distr::Alphanumeric;
use sha2::{Digest, Sha256};

const PREFIX_LEN: usize = 8;
const SECRET_LEN: usize = 32;

/// A key as created: the full text (shown once) and what is stored.
#[derive(Debug, Clone)]
pub struct NewKey {
    pub full: String,
    pub prefix: String,
    pub secret_hash: String,
}

/// A fresh random key.
pub fn generate() -> NewKey {
    let mut rng = rand::rng();
    let prefix: String = (&mut rng)
        .sample_iter(Alphanumeric)
        .take(PREFIX_LEN)
        .map(char::from)
        .collect::<String>()
        .to_ascii_lowercase();
    let secret: String = (&mut rng)
        .sample_iter(Alphanumeric)
        .take(SECRET_LEN)
        .map(char::from)
        .collect();
    NewKey {
        full: format!("cx_{prefix}_{secret}"),
        secret_hash: hash_secret(&secret),
        prefix,
    }
}

pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Splits a presented key into prefix and secret; `None` if it is not shaped like one of ours.
pub fn parse(presented: &str) -> Option<(&str, &str)> {
    let rest = presented.trim().strip_prefix("cx_")?;
    let (prefix, secret) = rest.split_once('_')?;
    let shaped = prefix.len() == PREFIX_LEN
        && secret.len() == SECRET_LEN
        && prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && secret.bytes().all(|b| b.is_ascii_alphanumeric());
    shaped.then_some((prefix, secret))
}

/// Compares two hashes without an early exit, so timing tells nothing about how much matched.
pub fn hashes_match(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_parse_and_verify() {
        let key = generate();
        let (prefix, secret) = parse(&key.full).expect("our own shape");
        assert_eq!(prefix, key.prefix);
        assert!(hashes_match(&hash_secret(secret), &key.secret_hash));
        assert!(!hashes_match(&hash_secret("x"), &key.secret_hash));
        assert_ne!(generate().full, key.full);
    }

    #[test]
    fn foreign_shapes_are_refused() {
        for bad in [
            "",
            "cx_",
            "cx_abc_def",
            "sk_abcdefgh_0123456789abcdef0123456789abcdef",
            "cx_ABCDEFGH_0123456789abcdef0123456789abcdef",
            "cx_abcdefgh_0123456789abcdef0123456789abcde!",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
