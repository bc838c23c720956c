//! Who may see which record: decided here and nowhere else.
//!
//! A record is seen through one of the legal routes: public disclosure (anyone), government
//! sharing (authorised staff, for a stated purpose), authorised query (a third party with the
//! subject's grant), by the subject itself, or internally by the unit that keeps it. The public
//! queries in the store filter with SQL that must agree with [`visible_to`]; a test in `tests/`
//! checks the two against each other on a real database.

use super::PublicityWindow;
use chengxin_types::{DisclosureRoute, RecordStatus};
use chrono::NaiveDate;

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone, without an account, and third-party apps with a plain API key.
    Public,
    /// Staff of a government department reading for a stated, logged purpose.
    GovernmentSharing,
    /// A third party holding the subject's grant for this record's category.
    AuthorisedQuery,
    /// The subject of the record, signed in.
    Subject,
    /// The unit that produced or keeps the record, and the credit office.
    Internal,
}

/// What the decision needs to know of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordFacts {
    pub route: DisclosureRoute,
    pub status: RecordStatus,
    /// `None` for records without a publicity period (e.g. commendations), published while in effect.
    pub window: Option<PublicityWindow>,
}

/// Whether `audience` may see a record on `today`.
pub fn visible_to(audience: Audience, record: &RecordFacts, today: NaiveDate) -> bool {
    match audience {
        // The unit that keeps the archive sees everything, in every state.
        Audience::Internal => true,
        // The subject sees all of its own records, including pending, exempt, repaired, revoked:
        // every version is explained to the person it is about.
        Audience::Subject => true,
        Audience::GovernmentSharing => {
            // Repair stops sharing as well as publication; internal-only items never leave the unit.
            record.route != DisclosureRoute::Internal && record.status == RecordStatus::Effective
        }
        Audience::AuthorisedQuery => {
            matches!(
                record.route,
                DisclosureRoute::Public | DisclosureRoute::AuthorisedQuery
            ) && record.status == RecordStatus::Effective
        }
        Audience::Public => {
            record.route == DisclosureRoute::Public
                && record.status == RecordStatus::Effective
                && record.window.is_none_or(|w| w.is_published_on(today))
        }
    }
}

/// SQL predicate over a `credit_records` row (aliased `r`) that selects what [`Audience::Public`]
/// may see; `$1` must be bound to today's date. Must agree with [`visible_to`].
pub const PUBLIC_RECORD_SQL: &str = "r.route = 'public' AND r.status = 'effective' \
     AND (r.publish_from IS NULL OR r.publish_from <= $1) AND (r.publish_until IS NULL OR r.publish_until > $1)";

#[cfg(test)]
mod tests {
    use super::*;
    use chengxin_types::PublicityTier;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    /// The whole matrix: every audience × route × status × (no window, inside, before, after).
    #[test]
    fn disclosure_matrix() {
        let today = d(2026, 11, 22);
        let rules = super::super::PublicityRules::default();
        let inside = rules
            .window(PublicityTier::General, d(2026, 6, 1), None)
            .ok();
        let after = rules
            .window(PublicityTier::General, d(2025, 6, 1), None)
            .ok();
        let before = rules
            .window(PublicityTier::General, d(2026, 12, 1), None)
            .ok();
        let windows = [
            ("none", None),
            ("inside", inside),
            ("ended", after),
            ("not_yet", before),
        ];
        let audiences = [
            Audience::Public,
            Audience::GovernmentSharing,
            Audience::AuthorisedQuery,
            Audience::Subject,
            Audience::Internal,
        ];
        for audience in audiences {
            for route in DisclosureRoute::ALL {
                for status in RecordStatus::ALL {
                    for (window_name, window) in windows {
                        let facts = RecordFacts {
                            route: *route,
                            status: *status,
                            window,
                        };
                        let expected = expected(audience, *route, *status, window_name);
                        assert_eq!(
                            visible_to(audience, &facts, today),
                            expected,
                            "{audience:?} {route} {status} {window_name}"
                        );
                    }
                }
            }
        }
    }

    /// The table the matrix is checked against, written out independently of the implementation.
    fn expected(
        audience: Audience,
        route: DisclosureRoute,
        status: RecordStatus,
        window: &str,
    ) -> bool {
        use DisclosureRoute as R;
        let effective = status == RecordStatus::Effective;
        match audience {
            Audience::Internal | Audience::Subject => true,
            Audience::GovernmentSharing => effective && route != R::Internal,
            Audience::AuthorisedQuery => {
                effective && (route == R::Public || route == R::AuthorisedQuery)
            }
            Audience::Public => {
                effective && route == R::Public && (window == "none" || window == "inside")
            }
        }
    }
}
