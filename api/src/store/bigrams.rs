//! A bigram index over the names on serious-breach lists, so that a search for a two-character
//! name (张伟) or a part of an organisation's name need not read every name. Each name is stored
//! as its overlapping two-character pieces, lowercased; a search looks up its rarest piece and the
//! `LIKE` on the name still decides (the pieces only narrow the candidates). A piece that half the
//! names share is no help: then the ordinary scan, which stops at the first page, is faster.

use super::exec::Conn;
use super::query::Sql;
use super::{Store, StoreResult, on_pool};
use std::sync::Arc;

/// Which table's names an index row belongs to.
pub const LISTING: &str = "listing";

/// The candidates a search reads through the index at most; above this the scan in page order is
/// the better plan, as it stops once a page is full. Measured on 100,000 entries: a candidate costs
/// about 6 µs (a lookup, the disclosure rules, the sort), a scanned name about 0.13 µs, so a piece
/// shared by 300 names is found by the scan within about 7,000 names (1 ms) as well.
pub const SELECTIVE_BELOW: i64 = 300;

/// The distinct overlapping two-character pieces of `name`, ASCII letters lowercased (as SQLite's
/// `LIKE` ignores their case; migration 0007 computes the same pieces in SQL).
pub fn bigrams(name: &str) -> Vec<String> {
    let chars: Vec<char> = name
        .trim_matches(' ')
        .to_ascii_lowercase()
        .chars()
        .collect();
    let mut pieces: Vec<String> = chars
        .windows(2)
        .map(|pair| pair.iter().collect::<String>())
        .collect();
    pieces.sort();
    pieces.dedup();
    pieces
}

/// Records the pieces of a name on `conn` (a transaction's).
pub(crate) async fn insert_name_bigrams(
    conn: &mut Conn<'_>,
    entity: &str,
    id: i64,
    name: &str,
) -> StoreResult<()> {
    for piece in bigrams(name) {
        conn.execute(
            Sql::new("INSERT INTO name_bigrams (entity, bigram, entity_id) VALUES ($1, $2, $3)")
                .with(entity)
                .with(piece)
                .with(id),
        )
        .await?;
    }
    Ok(())
}

/// How many names share a piece (up to [`SELECTIVE_BELOW`]), remembered with the write generation
/// they were counted at. A count only chooses the plan, never the results (every name that matches
/// contains every piece of the term), so a count that is briefly stale costs a slower plan at
/// worst.
#[derive(Clone)]
pub(crate) struct PieceCounts(Arc<quick_cache::sync::Cache<(String, String), (u64, i64)>>);

impl PieceCounts {
    pub(crate) fn new() -> PieceCounts {
        PieceCounts(Arc::new(quick_cache::sync::Cache::new(10_000)))
    }
}

impl std::fmt::Debug for PieceCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PieceCounts({} remembered)", self.0.len())
    }
}

impl Store {
    /// The rarest piece of `term` among `entity`'s names, if reading its candidates beats a scan.
    #[tracing::instrument(skip_all)]
    pub(crate) async fn selective_bigram(
        &self,
        entity: &str,
        term: &str,
    ) -> StoreResult<Option<String>> {
        let mut best: Option<(i64, String)> = None;
        for piece in bigrams(term) {
            let count = self.names_sharing(entity, &piece).await?;
            if best.as_ref().is_none_or(|(least, _)| count < *least) {
                best = Some((count, piece));
            }
        }
        Ok(best
            .filter(|(count, _)| *count < SELECTIVE_BELOW)
            .map(|(_, piece)| piece))
    }

    /// How many of `entity`'s names contain `piece`, counted up to [`SELECTIVE_BELOW`]; on SQLite
    /// remembered until the next write, which spares a popular search a query.
    async fn names_sharing(&self, entity: &str, piece: &str) -> StoreResult<i64> {
        let generation = self.write_generation();
        let key = (entity.to_string(), piece.to_string());
        if let Some(generation) = generation
            && let Some((counted_at, count)) = self.piece_counts.0.get(&key)
            && counted_at == generation
        {
            return Ok(count);
        }
        let (count,): (i64,) = on_pool!(self, |pool| sqlx::query_as(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT 1 FROM name_bigrams
             WHERE entity = $1 AND bigram = $2 LIMIT $3) t"
        )
        .bind(entity)
        .bind(piece)
        .bind(SELECTIVE_BELOW)
        .fetch_one(pool)
        .await)?;
        if let Some(generation) = generation {
            self.piece_counts.0.insert(key, (generation, count));
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::bigrams;

    #[test]
    fn names_become_their_distinct_lowercase_pairs() {
        assert_eq!(bigrams("张伟"), vec!["张伟"]);
        assert_eq!(bigrams("张"), Vec::<String>::new());
        assert_eq!(bigrams("ABC公司"), vec!["ab", "bc", "c公", "公司"]);
        assert_eq!(bigrams("哈哈哈"), vec!["哈哈"]);
    }
}
