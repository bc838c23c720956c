//! Access tokens: JWTs signed with Ed25519 (EdDSA), the algorithm pinned on verification.
//!
//! Signing keys live as PKCS#8 PEM files under `<data_dir>/keys/jwt/<kid>.pem`, created on first
//! start. The newest key signs; every key on disk verifies and is published at
//! `/.well-known/jwks.json`, so a rotation (`chengxin signing-key rotate`) never invalidates tokens
//! in flight. A running server notices a new or removed key file within a minute ([`SigningKeys`]).
//! A key is retired by deleting its file once its successor has signed for longer than the
//! access-token lifetime.

use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The account id.
    pub sub: String,
    pub exp: u64,
    pub nbf: u64,
    pub iat: u64,
    pub jti: String,
    /// The session (sign-in) the token belongs to; logging out revokes it.
    pub sid: String,
}

/// Why a token was refused. Callers answer all of these with the same 401.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    #[error("the token is malformed")]
    Malformed,
    #[error("the token's key id is unknown")]
    UnknownKey,
    #[error("the token is not valid: {0}")]
    Invalid(String),
}

/// Who issues tokens and for whom.
#[derive(Debug, Clone)]
pub struct TokenSettings {
    pub issuer: String,
    pub audience: String,
    pub lifetime_secs: u64,
}

/// The signing key and every verifying key.
pub struct TokenKeys {
    kids: Vec<String>,
    signing_kid: String,
    signing: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
    jwks: JwkSet,
    validation: Validation,
    settings: TokenSettings,
}

/// The PKCS#8 v1 DER prefix of an Ed25519 private key; the 32-byte seed follows it (RFC 8410).
const ED25519_PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// Leeway for clock differences between servers, in seconds.
const CLOCK_LEEWAY_SECS: u64 = 30;

fn key_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("keys").join("jwt")
}

/// Writes a fresh Ed25519 key and returns its id. Ids sort by creation time.
pub fn create_key(data_dir: &Path) -> anyhow::Result<String> {
    let dir = key_dir(data_dir);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create key directory {}", dir.display()))?;
    let mut seed = [0u8; 32];
    rand::fill(&mut seed);
    let mut der = ED25519_PKCS8_PREFIX.to_vec();
    der.extend_from_slice(&seed);
    let pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        STANDARD.encode(&der)
    );
    let mut suffix = [0u8; 3];
    rand::fill(&mut suffix);
    let kid = format!(
        "{}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%3f"),
        hex::encode(suffix)
    );
    let path = dir.join(format!("{kid}.pem"));
    crate::pii::write_private(&path, pem.as_bytes())
        .with_context(|| format!("cannot write signing key {}", path.display()))?;
    Ok(kid)
}

/// Key ids on disk, oldest first.
pub fn key_ids(data_dir: &Path) -> anyhow::Result<Vec<String>> {
    let dir = key_dir(data_dir);
    if !dir.exists() {
        return Ok(vec![]);
    }
    let mut kids = Vec::new();
    for entry in
        std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
    {
        let name = entry?.file_name();
        if let Some(kid) = name.to_str().and_then(|n| n.strip_suffix(".pem")) {
            kids.push(kid.to_string());
        }
    }
    kids.sort();
    Ok(kids)
}

impl TokenKeys {
    /// Loads the keys under `data_dir`, creating the first one if there is none.
    pub fn load_or_create(data_dir: &Path, settings: TokenSettings) -> anyhow::Result<Self> {
        let mut kids = key_ids(data_dir)?;
        if kids.is_empty() {
            kids.push(create_key(data_dir)?);
        }
        let mut verifying = HashMap::new();
        let mut keys = Vec::new();
        let mut signing = None;
        for kid in &kids {
            let path = key_dir(data_dir).join(format!("{kid}.pem"));
            let pem = std::fs::read(&path)
                .with_context(|| format!("cannot read signing key {}", path.display()))?;
            let encoding = EncodingKey::from_ed_pem(&pem)
                .with_context(|| format!("signing key {} is damaged", path.display()))?;
            let mut jwk = Jwk::from_encoding_key(&encoding, Algorithm::EdDSA)
                .with_context(|| format!("signing key {} is not Ed25519", path.display()))?;
            jwk.common.key_id = Some(kid.clone());
            jwk.common.public_key_use = Some(PublicKeyUse::Signature);
            jwk.common.key_algorithm = Some(KeyAlgorithm::EdDSA);
            let decoding = DecodingKey::from_jwk(&jwk).with_context(|| {
                format!("signing key {} has no usable public part", path.display())
            })?;
            verifying.insert(kid.clone(), decoding);
            keys.push(jwk);
            signing = Some((kid.clone(), encoding));
        }
        let (signing_kid, signing) = signing.context("no signing key")?;
        let mut validation = Validation::new(Algorithm::EdDSA);
        validation.algorithms = vec![Algorithm::EdDSA];
        validation.set_issuer(&[&settings.issuer]);
        validation.set_audience(&[&settings.audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = CLOCK_LEEWAY_SECS;
        Ok(TokenKeys {
            kids,
            signing_kid,
            signing,
            verifying,
            jwks: JwkSet { keys },
            validation,
            settings,
        })
    }

    pub fn settings(&self) -> &TokenSettings {
        &self.settings
    }

    /// The public keys, for `/.well-known/jwks.json`.
    pub fn jwks(&self) -> &JwkSet {
        &self.jwks
    }

    /// A signed access token for an account's session, valid from now for the configured lifetime.
    pub fn issue(&self, account_id: i64, session_id: &str) -> anyhow::Result<(String, u64)> {
        let now = jsonwebtoken::get_current_timestamp();
        let claims = AccessClaims {
            iss: self.settings.issuer.clone(),
            aud: self.settings.audience.clone(),
            sub: account_id.to_string(),
            exp: now + self.settings.lifetime_secs,
            nbf: now,
            iat: now,
            jti: uuid::Uuid::new_v4().to_string(),
            sid: session_id.to_string(),
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.signing_kid.clone());
        let token =
            jsonwebtoken::encode(&header, &claims, &self.signing).context("cannot sign a token")?;
        Ok((token, self.settings.lifetime_secs))
    }

    /// Checks signature (EdDSA only, by `kid`), issuer, audience, expiry and not-before.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, TokenError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenError::Malformed)?;
        if header.alg != Algorithm::EdDSA {
            return Err(TokenError::Invalid(format!(
                "algorithm {:?} is not accepted",
                header.alg
            )));
        }
        let key = header
            .kid
            .as_deref()
            .and_then(|kid| self.verifying.get(kid))
            .ok_or(TokenError::UnknownKey)?;
        let data = jsonwebtoken::decode::<AccessClaims>(token, key, &self.validation)
            .map_err(|e| TokenError::Invalid(e.to_string()))?;
        if data.claims.jti.is_empty() || data.claims.sid.is_empty() {
            return Err(TokenError::Invalid("jti or sid is missing".into()));
        }
        Ok(data.claims)
    }
}

/// The keys in use, reloaded when the key files change (a rotation or a retirement) so that
/// every instance follows without a restart.
pub struct SigningKeys {
    data_dir: PathBuf,
    current: std::sync::RwLock<std::sync::Arc<TokenKeys>>,
}

impl SigningKeys {
    pub fn load_or_create(data_dir: &Path, settings: TokenSettings) -> anyhow::Result<Self> {
        let keys = TokenKeys::load_or_create(data_dir, settings)?;
        Ok(SigningKeys {
            data_dir: data_dir.to_path_buf(),
            current: std::sync::RwLock::new(std::sync::Arc::new(keys)),
        })
    }

    /// The keys now. Cheap: one reference count.
    pub fn current(&self) -> std::sync::Arc<TokenKeys> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reloads when the key files on disk differ from the loaded ones; `true` if it did.
    pub fn reload_if_changed(&self) -> anyhow::Result<bool> {
        let current = self.current();
        let on_disk = key_ids(&self.data_dir)?;
        if on_disk.is_empty() || on_disk == current.kids {
            return Ok(false);
        }
        let fresh = TokenKeys::load_or_create(&self.data_dir, current.settings.clone())?;
        match self.current.write() {
            Ok(mut guard) => *guard = std::sync::Arc::new(fresh),
            Err(poisoned) => *poisoned.into_inner() = std::sync::Arc::new(fresh),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> TokenSettings {
        TokenSettings {
            issuer: "chengxin-test".into(),
            audience: "chengxin-api".into(),
            lifetime_secs: 900,
        }
    }

    #[test]
    fn a_token_verifies_with_its_key_and_not_with_another() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = TokenKeys::load_or_create(dir.path(), settings()).expect("keys");
        let (token, lifetime) = keys.issue(7, "s1").expect("token");
        assert_eq!(lifetime, 900);
        let claims = keys.verify(&token).expect("valid");
        assert_eq!((claims.sub.as_str(), claims.sid.as_str()), ("7", "s1"));

        let other = tempfile::tempdir().expect("tempdir");
        let stranger = TokenKeys::load_or_create(other.path(), settings()).expect("keys");
        assert!(stranger.verify(&token).is_err(), "unknown kid");
    }

    #[test]
    fn rotation_keeps_old_tokens_valid_and_signs_with_the_new_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let before = TokenKeys::load_or_create(dir.path(), settings()).expect("keys");
        let (old_token, _) = before.issue(1, "s").expect("token");
        std::thread::sleep(std::time::Duration::from_millis(5));
        let new_kid = create_key(dir.path()).expect("rotate");
        let after = TokenKeys::load_or_create(dir.path(), settings()).expect("keys");
        assert_eq!(after.jwks().keys.len(), 2);
        assert!(after.verify(&old_token).is_ok());
        let (new_token, _) = after.issue(1, "s").expect("token");
        let header = jsonwebtoken::decode_header(&new_token).expect("header");
        assert_eq!(header.kid.as_deref(), Some(new_kid.as_str()));
    }

    #[test]
    fn a_running_server_follows_a_rotation() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = SigningKeys::load_or_create(dir.path(), settings()).expect("keys");
        let (old_token, _) = keys.current().issue(1, "s").expect("token");
        assert!(!keys.reload_if_changed().expect("check"), "nothing changed");
        std::thread::sleep(std::time::Duration::from_millis(5));
        let new_kid = create_key(dir.path()).expect("rotate");
        assert!(keys.reload_if_changed().expect("reload"));
        let (new_token, _) = keys.current().issue(1, "s").expect("token");
        let header = jsonwebtoken::decode_header(&new_token).expect("header");
        assert_eq!(header.kid.as_deref(), Some(new_kid.as_str()));
        assert!(
            keys.current().verify(&old_token).is_ok(),
            "old tokens stay valid"
        );
    }

    #[test]
    fn wrong_issuer_or_audience_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = TokenKeys::load_or_create(dir.path(), settings()).expect("keys");
        let (token, _) = keys.issue(1, "s").expect("token");
        let elsewhere = TokenKeys::load_or_create(
            dir.path(),
            TokenSettings {
                issuer: "someone-else".into(),
                ..settings()
            },
        )
        .expect("keys");
        assert!(elsewhere.verify(&token).is_err());
        let other_audience = TokenKeys::load_or_create(
            dir.path(),
            TokenSettings {
                audience: "another-api".into(),
                ..settings()
            },
        )
        .expect("keys");
        assert!(other_audience.verify(&token).is_err());
    }
}
