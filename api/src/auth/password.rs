//! Passwords: argon2id with the crate's recommended parameters (19 MiB, 2 passes), hashed and
//! verified on the blocking pool by the callers so a sign-in never stalls the server's workers.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use std::sync::OnceLock;

/// Shortest password accepted for a new account.
pub const MIN_LENGTH: usize = 10;

/// The PHC string (`$argon2id$v=19$…`) of a password with a fresh random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash a password: {e}"))
}

/// Whether `password` matches the stored PHC string. A damaged hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

/// Does the work of a verification against a hash no password matches, so that an unknown
/// account name costs the same time as a known one with a wrong password.
pub fn verify_against_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("no password matches this one").unwrap_or_default());
    let _ = verify(password, dummy);
}

/// Why a new password is refused, if it is.
pub fn weakness(password: &str, username: &str) -> Option<&'static str> {
    if password.chars().count() < MIN_LENGTH {
        Some("too_short")
    } else if password.eq_ignore_ascii_case(username) {
        Some("same_as_username")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash("correct horse battery").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterx", &stored));
        assert!(!verify("correct horse battery", "not a hash"));
        assert_ne!(
            stored,
            hash("correct horse battery").expect("hash"),
            "salted"
        );
    }

    #[test]
    fn weak_passwords_are_named() {
        assert_eq!(weakness("short", "x"), Some("too_short"));
        assert_eq!(
            weakness("Demo-Servant", "demo-servant"),
            Some("same_as_username")
        );
        assert_eq!(weakness("a long enough one", "x"), None);
    }
}
