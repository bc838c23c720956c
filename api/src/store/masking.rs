//! Keeping the stored public form of ID numbers in line with the `masking.id` setting.
//!
//! The masked form is written beside each sealed number (persons, penalties, list entries) so
//! public queries never decrypt. When the deployment changes the setting, every row is masked
//! again at start, from the sealed number, so old and new rows follow the same rule.

use super::{Store, StoreResult, on_pool};
use crate::domain::IdMask;
use crate::pii::PiiCipher;

const KEY: &str = "masking.id";

fn code(mask: IdMask) -> &'static str {
    match mask {
        IdMask::Strict => "strict",
        IdMask::Court => "court",
    }
}

impl Store {
    /// Masks every stored ID number with `mask` unless that is the mask last applied; returns how
    /// many rows were rewritten. A number that cannot be opened (another key) is hidden entirely.
    #[tracing::instrument(skip_all)]
    pub async fn apply_id_mask(&self, cipher: &PiiCipher, mask: IdMask) -> StoreResult<u64> {
        let applied: Option<(String,)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT value FROM applied_settings WHERE key = $1"
        )
        .bind(KEY)
        .fetch_optional(pool)
        .await)?;
        if applied.as_ref().is_some_and(|(v,)| v == code(mask)) {
            return Ok(0);
        }
        // A number that cannot be opened (sealed with other keys: a wrong key folder) keeps the
        // form it has, and the setting is then not recorded as applied, so the next start tries
        // again instead of losing what is there.
        let masked = |sealed: &[u8]| cipher.open(sealed).map(|id| mask.apply(id.expose()));
        let rewritten = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut rewritten = 0u64;
            let persons: Vec<(i64, Vec<u8>)> =
                sqlx::query_as("SELECT id, id_cipher FROM persons ORDER BY id")
                    .fetch_all(&mut *tx)
                    .await?;
            let mut unopened = 0u64;
            for (id, sealed) in persons {
                let Some(form) = masked(&sealed) else {
                    unopened += 1;
                    continue;
                };
                sqlx::query("UPDATE persons SET id_masked = $1 WHERE id = $2")
                    .bind(&form)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                rewritten += 1;
            }
            // The listings of persons copy their masked number: one pass over the listings by the
            // persons' key, not one scan of the listings per person.
            let entries = sqlx::query(
                "UPDATE serious_breach_entries SET subject_id_masked =
                     (SELECT p.id_masked FROM persons p WHERE p.id = serious_breach_entries.person_id)
                 WHERE person_id IS NOT NULL",
            )
            .execute(&mut *tx)
            .await?;
            rewritten += entries.rows_affected();
            let penalties: Vec<(i64, Vec<u8>)> = sqlx::query_as(
                "SELECT id, xdr_id_cipher FROM penalties WHERE xdr_id_cipher IS NOT NULL ORDER BY id",
            )
            .fetch_all(&mut *tx)
            .await?;
            for (id, sealed) in penalties {
                let Some(form) = masked(&sealed) else {
                    unopened += 1;
                    continue;
                };
                sqlx::query("UPDATE penalties SET xdr_id_masked = $1 WHERE id = $2")
                    .bind(form)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                rewritten += 1;
            }
            if unopened == 0 {
                sqlx::query(
                    "INSERT INTO applied_settings (key, value) VALUES ($1, $2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(KEY)
                .bind(code(mask))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            (rewritten, unopened)
        });
        let (rewritten, unopened) = rewritten;
        if unopened > 0 {
            tracing::warn!(
                unopened,
                "ID numbers that the key files cannot open kept their masked form; check the key folder"
            );
        }
        Ok(rewritten)
    }
}
