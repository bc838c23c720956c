//! The public rules of [`crate::domain::disclosure`] as SQL. The domain states what the public may
//! see of each register; this module only says which column holds each fact, and writes the rule
//! over those columns. Every public query, feed and count filters with it.

use super::query::{Arg, Sql};
use super::{Store, StoreResult, on_pool};
use crate::domain::disclosure::{Condition, DisclosureSettings, Fact, Facts, Register};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Where a fact is kept.
#[derive(Debug, Clone, Copy)]
enum Column {
    /// A column of the register's row.
    Plain(&'static str),
    /// The status of the credit record the row points to (by this column), if it points to one.
    StatusOfRecord(&'static str),
}

/// The table of a register, the alias its queries use, and which column holds each fact.
fn table(register: Register) -> (&'static str, &'static str) {
    match register {
        Register::Records => ("credit_records", "r"),
        Register::Penalties => ("penalties", "p"),
        Register::Licences => ("licences", "l"),
        Register::Listings => ("serious_breach_entries", "e"),
        Register::Commitments => ("commitments", "c"),
    }
}

fn column(register: Register, fact: Fact) -> Option<Column> {
    use Column::{Plain, StatusOfRecord};
    use Register as R;
    Some(match (register, fact) {
        (R::Records, Fact::Route) => Plain("r.route"),
        (R::Records, Fact::Status) => Plain("r.status"),
        (R::Records, Fact::PublishFrom) => Plain("r.publish_from"),
        (R::Records, Fact::PublishUntil) => Plain("r.publish_until"),
        (R::Penalties, Fact::Status) => Plain("p.status"),
        (R::Penalties, Fact::PublishedOn) => Plain("p.published_on"),
        (R::Penalties, Fact::DecidedOn) => Plain("p.cf_jdrq"),
        (R::Penalties, Fact::PublicUntil) => Plain("p.cf_gsjzq"),
        (R::Penalties, Fact::Tier) => Plain("p.tier"),
        (R::Licences, Fact::Status) => Plain("l.status"),
        (R::Licences, Fact::PublishedOn) => Plain("l.published_on"),
        (R::Licences, Fact::SubjectUscc) => Plain("l.xk_xdr_shxym"),
        (R::Listings, Fact::Status) => Plain("e.status"),
        (R::Listings, Fact::ListedOn) => Plain("e.listed_on"),
        (R::Listings, Fact::RemovalDueOn) => Plain("e.removal_due_on"),
        (R::Listings, Fact::RecordStatus) => StatusOfRecord("e.record_id"),
        (R::Commitments, Fact::Route) => Plain("c.route"),
        (R::Commitments, Fact::ReviewStatus) => Plain("c.review_status"),
        _ => return None,
    })
}

impl Column {
    /// The fact's value as an SQL expression.
    fn value(self) -> String {
        match self {
            Column::Plain(name) => name.to_string(),
            Column::StatusOfRecord(id) => {
                format!("(SELECT x.status FROM credit_records x WHERE x.id = {id})")
            }
        }
    }
}

/// The register's public rule over its columns (table alias as in [`table`]); `today` is the SQL
/// that stands for the day of the query, e.g. `$1`. A fact without a column fails closed.
pub(super) fn public_predicate(
    register: Register,
    today: &str,
    settings: DisclosureSettings,
) -> String {
    let parts: Vec<String> = register
        .public_rule()
        .conditions
        .iter()
        .filter_map(|condition| {
            let Some(column) = column(register, condition.fact()) else {
                return Some("1 = 0".to_string());
            };
            let col = column.value();
            Some(match *condition {
                Condition::Is(_, code) => format!("{col} = '{code}'"),
                Condition::Present(_) => format!("{col} IS NOT NULL"),
                Condition::OnOrBefore(_) => format!("{col} <= {today}"),
                Condition::After(_) => format!("{col} > {today}"),
                Condition::NoneOrOnOrBefore(_) => format!("({col} IS NULL OR {col} <= {today})"),
                Condition::NoneOrAfter(_) => format!("({col} IS NULL OR {col} > {today})"),
                Condition::NoneOrIs(_, code) => match column {
                    // EXISTS lets the planner use the records' primary key once.
                    Column::StatusOfRecord(id) => format!(
                        "({id} IS NULL OR EXISTS (SELECT 1 FROM credit_records x WHERE x.id = {id} AND x.status = '{code}'))"
                    ),
                    Column::Plain(_) => format!("({col} IS NULL OR {col} = '{code}')"),
                },
                Condition::NotMinorUnlessPublished(_) if settings.publish_minor_penalties => {
                    return None;
                }
                Condition::NotMinorUnlessPublished(_) => format!("{col} <> 'minor'"),
            })
        })
        .collect();
    parts.join(" AND ")
}

impl Sql {
    /// Appends the register's public rule, with today bound once.
    pub(super) fn push_public_rule(
        &mut self,
        register: Register,
        today: NaiveDate,
        settings: DisclosureSettings,
    ) -> &mut Self {
        // Bound only where the rule reads it: a parameter the text never names is an error on
        // PostgreSQL.
        let reads_today = register
            .public_rule()
            .conditions
            .iter()
            .any(|condition| condition.fact().is_date());
        let today = if reads_today {
            self.args.push(Arg::Date(today));
            format!("${}", self.args.len())
        } else {
            String::new()
        };
        self.push(&public_predicate(register, &today, settings))
    }
}

/// An entry's facts as stored, for checking the SQL against the domain's rule.
#[derive(Debug, Clone, Default)]
pub struct StoredFacts {
    codes: HashMap<Fact, String>,
    dates: HashMap<Fact, NaiveDate>,
}

impl Facts for StoredFacts {
    fn code(&self, fact: Fact) -> Option<&str> {
        self.codes.get(&fact).map(String::as_str)
    }

    fn date(&self, fact: Fact) -> Option<NaiveDate> {
        self.dates.get(&fact).copied()
    }
}

/// Every fact a register's rule names, in a fixed order.
fn facts_of(register: Register) -> Vec<Fact> {
    let mut facts = Vec::new();
    for condition in register.public_rule().conditions {
        let fact = condition.fact();
        if !facts.contains(&fact) {
            facts.push(fact);
        }
    }
    facts
}

impl Store {
    /// Every entry of a register with the facts its public rule names, read back as stored.
    #[tracing::instrument(skip_all)]
    pub async fn disclosure_facts(
        &self,
        register: Register,
    ) -> StoreResult<Vec<(i64, StoredFacts)>> {
        self.facts_where(register, None).await
    }

    /// The facts of entry `id` of a register, as stored; `None` if there is no such entry.
    #[tracing::instrument(skip_all)]
    pub async fn entry_facts(
        &self,
        register: Register,
        id: i64,
    ) -> StoreResult<Option<StoredFacts>> {
        Ok(self
            .facts_where(register, Some(id))
            .await?
            .into_iter()
            .next()
            .map(|(_, facts)| facts))
    }

    /// The facts of every entry, or of entry `only`.
    async fn facts_where(
        &self,
        register: Register,
        only: Option<i64>,
    ) -> StoreResult<Vec<(i64, StoredFacts)>> {
        let (name, alias) = table(register);
        let facts = facts_of(register);
        // One text column per row ('~' for none), read the same way on both backends.
        let columns: Vec<String> = facts
            .iter()
            .map(|fact| {
                let value = column(register, *fact).map_or("NULL".into(), Column::value);
                format!("COALESCE(CAST({value} AS TEXT), '~')")
            })
            .collect();
        let only = only
            .map(|id| format!(" WHERE {alias}.id = {id}"))
            .unwrap_or_default();
        let query = format!(
            "SELECT CAST({alias}.id AS TEXT) || '|' || {} FROM {name} {alias}{only} ORDER BY {alias}.id",
            columns.join(" || '|' || ")
        );
        let mut entries = Vec::new();
        // Text built from the register's own column names and an integer id only.
        let query = sqlx::AssertSqlSafe(query);
        let lines: Vec<(String,)> =
            on_pool!(self, |pool| sqlx::query_as(query).fetch_all(pool).await)?;
        for (line,) in lines {
            let mut values = line.split('|');
            let id = values.next().and_then(|id| id.parse().ok()).unwrap_or(0);
            let mut stored = StoredFacts::default();
            for (fact, value) in facts.iter().zip(values) {
                if value == "~" {
                    continue;
                }
                match value.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) {
                    Some(date) if fact.is_date() => {
                        stored.dates.insert(*fact, date);
                    }
                    _ => {
                        stored.codes.insert(*fact, value.to_string());
                    }
                }
            }
            entries.push((id, stored));
        }
        Ok(entries)
    }

    /// Ids of a register's entries the public may see on `today`, by the SQL filter.
    #[tracing::instrument(skip_all)]
    pub async fn public_ids(
        &self,
        register: Register,
        today: NaiveDate,
        settings: DisclosureSettings,
    ) -> StoreResult<Vec<i64>> {
        let (name, alias) = table(register);
        let mut sql = Sql::new(&format!(
            "SELECT {alias}.id AS id FROM {name} {alias} WHERE "
        ));
        sql.push_public_rule(register, today, settings);
        sql.push(&format!(" ORDER BY {alias}.id"));
        Ok(self
            .fetch_all_of::<IdRow>(&sql)
            .await?
            .into_iter()
            .map(|row| row.id)
            .collect())
    }
}

#[derive(Debug, Clone, Copy, sqlx::FromRow)]
struct IdRow {
    id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_a_rule_names_has_a_column() {
        for register in Register::ALL {
            for fact in facts_of(register) {
                assert!(column(register, fact).is_some(), "{register:?} {fact:?}");
            }
        }
    }

    #[test]
    fn the_rules_read_as_the_filters_they_replace() {
        let settings = DisclosureSettings::default();
        assert_eq!(
            public_predicate(Register::Penalties, "$1", settings),
            "p.status = 'effective' AND p.published_on IS NOT NULL AND p.published_on <= $1 \
             AND p.cf_jdrq <= $1 AND p.cf_gsjzq > $1 AND p.tier <> 'minor'"
        );
        assert!(
            !public_predicate(
                Register::Penalties,
                "$1",
                DisclosureSettings {
                    publish_minor_penalties: true
                }
            )
            .contains("minor")
        );
        assert_eq!(
            public_predicate(Register::Listings, "$2", settings),
            "e.status = 'listed' AND e.listed_on <= $2 AND (e.removal_due_on IS NULL OR e.removal_due_on > $2) \
             AND (e.record_id IS NULL OR EXISTS (SELECT 1 FROM credit_records x WHERE x.id = e.record_id AND x.status = 'effective'))"
        );
    }
}
