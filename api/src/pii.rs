//! Personal identifiers at rest: an ID number is stored encrypted (AES-256-GCM) for the few lawful
//! uses of the full value, with a keyed hash (HMAC-SHA256) for exact lookup and the masked form for
//! display. A database dump without the key reveals no ID number, and the hash cannot be reversed
//! by enumerating the small space of valid ID numbers without the key either.

use crate::domain::{IdMask, IdNumber};
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use anyhow::Context;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

const NONCE_LEN: usize = 12;

/// The keys that protect personal identifiers. Kept outside the database.
#[derive(Clone)]
pub struct PiiCipher {
    encryption_key: [u8; 32],
    lookup_key: [u8; 32],
    /// The masked form stored for display, chosen by the deployment (`masking.id`).
    mask: IdMask,
}

/// An ID number prepared for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedId {
    /// Nonce followed by ciphertext and tag.
    pub cipher: Vec<u8>,
    /// Hex HMAC of the ID number for exact lookup.
    pub lookup: String,
    /// The masked form for display (strict unless the deployment chose otherwise).
    pub masked: String,
}

impl PiiCipher {
    pub fn from_keys(encryption_key: [u8; 32], lookup_key: [u8; 32]) -> Self {
        PiiCipher {
            encryption_key,
            lookup_key,
            mask: IdMask::Strict,
        }
    }

    /// The same keys, storing display forms masked with `mask`.
    pub fn with_mask(self, mask: IdMask) -> Self {
        PiiCipher { mask, ..self }
    }

    /// Reads the key file under `dir`, creating it with fresh random keys (mode 0600) on first start.
    pub fn load_or_create(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join("pii.key");
        if !path.exists() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create key directory {}", dir.display()))?;
            let mut bytes = [0u8; 64];
            rand::fill(&mut bytes);
            write_private(&path, hex::encode(bytes).as_bytes())
                .with_context(|| format!("cannot write key file {}", path.display()))?;
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read key file {}", path.display()))?;
        let bytes = hex::decode(text.trim())
            .ok()
            .filter(|b| b.len() == 64)
            .with_context(|| format!("key file {} is damaged", path.display()))?;
        let mut encryption_key = [0u8; 32];
        let mut lookup_key = [0u8; 32];
        encryption_key.copy_from_slice(&bytes[..32]);
        lookup_key.copy_from_slice(&bytes[32..]);
        Ok(PiiCipher::from_keys(encryption_key, lookup_key))
    }

    pub fn seal(&self, id: &IdNumber) -> SealedId {
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.encryption_key));
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        // Encryption with a fresh nonce and a 32-byte key cannot fail for inputs of this size.
        let ciphertext = cipher
            .encrypt(&nonce, id.expose().as_bytes())
            .unwrap_or_default();
        let mut sealed = nonce.to_vec();
        sealed.extend_from_slice(&ciphertext);
        SealedId {
            cipher: sealed,
            lookup: self.lookup(id),
            masked: self.mask.apply(id.expose()),
        }
    }

    /// A keyed digest of `text` for one purpose (e.g. query codes), from the lookup key: it cannot
    /// be computed without the key file, and different purposes never share values.
    pub fn keyed_digest(&self, purpose: &str, text: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup_key)
            .expect("HMAC accepts any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(text.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The keyed hash used to find a person by exact ID number.
    pub fn lookup(&self, id: &IdNumber) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.lookup_key)
            .expect("HMAC accepts any key length");
        mac.update(id.expose().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Recovers the full number, for government sharing only. `None` if the data was tampered with
    /// or sealed with another key.
    pub fn open(&self, sealed: &[u8]) -> Option<IdNumber> {
        if sealed.len() <= NONCE_LEN {
            return None;
        }
        let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&self.encryption_key));
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        let plain = cipher.decrypt(Nonce::from_slice(nonce), ciphertext).ok()?;
        IdNumber::parse(std::str::from_utf8(&plain).ok()?).ok()
    }
}

#[cfg(unix)]
pub(crate) fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> IdNumber {
        IdNumber::with_check_char("41010519770315201").expect("valid")
    }

    #[test]
    fn sealed_ids_open_only_with_the_same_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cipher = PiiCipher::load_or_create(dir.path()).expect("keys");
        let again = PiiCipher::load_or_create(dir.path()).expect("same keys");
        let sealed = cipher.seal(&id());
        assert_eq!(again.open(&sealed.cipher), Some(id()));
        assert_eq!(
            sealed.masked,
            "410105********2012".replace("2012", &id().expose()[14..])
        );
        assert!(!String::from_utf8_lossy(&sealed.cipher).contains(id().expose()));
        assert_eq!(cipher.lookup(&id()), sealed.lookup);
        let other = PiiCipher::from_keys([1; 32], [2; 32]);
        assert_eq!(other.open(&sealed.cipher), None);
        assert_ne!(other.lookup(&id()), sealed.lookup);
        let mut tampered = sealed.cipher.clone();
        tampered[20] ^= 1;
        assert_eq!(cipher.open(&tampered), None);
        assert_eq!(cipher.open(&[1, 2, 3]), None);
    }

    #[test]
    fn two_seals_of_one_number_differ_but_share_the_lookup() {
        let cipher = PiiCipher::from_keys([7; 32], [8; 32]);
        let (a, b) = (cipher.seal(&id()), cipher.seal(&id()));
        assert_ne!(a.cipher, b.cipher);
        assert_eq!(a.lookup, b.lookup);
    }
}
