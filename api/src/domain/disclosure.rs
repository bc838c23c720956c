//! Who may see which record: decided here and nowhere else.
//!
//! A record is seen through one of the legal routes: public disclosure (anyone), government
//! sharing (authorised staff, for a stated purpose), authorised query (a third party with the
//! subject's grant), by the subject itself, or internally by the unit that keeps it.
//!
//! What the public may see of each register (credit records, penalties, licences, serious-breach
//! entries, commitments) is stated once, as a [`PublicRule`]: a list of conditions on an entry's
//! facts. The same rule is evaluated here on an entry ([`PublicRule::holds`]) and written as SQL by
//! the store, which only says which column holds each fact; a test in `tests/` checks the two
//! against each other for every register on a real database.

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
        Audience::Public => PUBLIC_RECORDS.holds(record, today, DisclosureSettings::default()),
    }
}

impl RecordFacts {
    fn window_date(&self, pick: impl Fn(&PublicityWindow) -> NaiveDate) -> Option<NaiveDate> {
        self.window.as_ref().map(pick)
    }
}

impl Facts for RecordFacts {
    fn code(&self, fact: Fact) -> Option<&str> {
        match fact {
            Fact::Route => Some(self.route.code()),
            Fact::Status => Some(self.status.code()),
            _ => None,
        }
    }

    fn date(&self, fact: Fact) -> Option<NaiveDate> {
        match fact {
            Fact::PublishFrom => self.window_date(|w| w.from),
            Fact::PublishUntil => self.window_date(|w| w.until),
            _ => None,
        }
    }
}

/// A register the public queries read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Register {
    Records,
    Penalties,
    Licences,
    Listings,
    Commitments,
}

impl Register {
    pub const ALL: [Register; 5] = [
        Register::Records,
        Register::Penalties,
        Register::Licences,
        Register::Listings,
        Register::Commitments,
    ];

    /// What the public may see of this register.
    pub fn public_rule(self) -> &'static PublicRule {
        match self {
            Register::Records => &PUBLIC_RECORDS,
            Register::Penalties => &PUBLIC_PENALTIES,
            Register::Licences => &PUBLIC_LICENCES,
            Register::Listings => &PUBLIC_LISTINGS,
            Register::Commitments => &PUBLIC_COMMITMENTS,
        }
    }
}

/// A fact of an entry that its publicity depends on. The store says which column holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    /// The disclosure route ([`DisclosureRoute`] code).
    Route,
    /// The entry's own status: a [`RecordStatus`] code for records, penalties and licences, a
    /// `ListingStatus` code for serious-breach entries.
    Status,
    /// The outcome of review (a commitment is public once review made it effective).
    ReviewStatus,
    /// A record's publicity window: first day and the day it ends (not included).
    PublishFrom,
    PublishUntil,
    /// The day a penalty or licence was published (双公示), none before it is.
    PublishedOn,
    /// The day of the decision (决定日期).
    DecidedOn,
    /// The day a penalty's publicity ends, not included (公示截止期).
    PublicUntil,
    /// A penalty's publicity tier (`minor` ones are published only where the deployment says so).
    Tier,
    /// The holder's USCC: licences to natural persons carry none and are not published.
    SubjectUscc,
    /// An entry's listing day and removal day (not included).
    ListedOn,
    RemovalDueOn,
    /// The status of the credit record behind an entry, none when it has none.
    RecordStatus,
}

/// One condition of a public rule; "today" is the day of the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// The fact holds this code.
    Is(Fact, &'static str),
    /// The fact has a value.
    Present(Fact),
    /// A date on or before today (a missing date fails).
    OnOrBefore(Fact),
    /// A date after today (a missing date fails).
    After(Fact),
    /// No date, or one on or before today.
    NoneOrOnOrBefore(Fact),
    /// No date, or one after today.
    NoneOrAfter(Fact),
    /// No value, or this code.
    NoneOrIs(Fact, &'static str),
    /// Not the `minor` tier, unless the deployment publishes minor penalties.
    NotMinorUnlessPublished(Fact),
}

impl Condition {
    /// The fact the condition is about.
    pub fn fact(self) -> Fact {
        match self {
            Condition::Is(fact, _)
            | Condition::Present(fact)
            | Condition::OnOrBefore(fact)
            | Condition::After(fact)
            | Condition::NoneOrOnOrBefore(fact)
            | Condition::NoneOrAfter(fact)
            | Condition::NoneOrIs(fact, _)
            | Condition::NotMinorUnlessPublished(fact) => fact,
        }
    }
}

impl Fact {
    /// Whether the fact is a day (the others are codes).
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Fact::PublishFrom
                | Fact::PublishUntil
                | Fact::PublishedOn
                | Fact::DecidedOn
                | Fact::PublicUntil
                | Fact::ListedOn
                | Fact::RemovalDueOn
        )
    }
}

/// What an entry's publicity depends on beyond its own facts: the deployment's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DisclosureSettings {
    /// Whether penalties of the `minor` tier are published.
    pub publish_minor_penalties: bool,
}

/// The facts of one entry, by [`Fact`].
pub trait Facts {
    fn code(&self, fact: Fact) -> Option<&str>;
    fn date(&self, fact: Fact) -> Option<NaiveDate>;
}

/// What the public may see of a register: every condition holds.
#[derive(Debug)]
pub struct PublicRule {
    pub conditions: &'static [Condition],
}

/// Credit records: public route, in effect, inside the publicity window (records without one,
/// such as commendations, are published while in effect).
pub const PUBLIC_RECORDS: PublicRule = PublicRule {
    conditions: &[
        Condition::Is(Fact::Route, "public"),
        Condition::Is(Fact::Status, "effective"),
        Condition::NoneOrOnOrBefore(Fact::PublishFrom),
        Condition::NoneOrAfter(Fact::PublishUntil),
    ],
};

/// Penalties (双公示): in effect, published, decided, inside the publicity period; minor ones only
/// where the deployment publishes them.
pub const PUBLIC_PENALTIES: PublicRule = PublicRule {
    conditions: &[
        Condition::Is(Fact::Status, "effective"),
        Condition::Present(Fact::PublishedOn),
        Condition::OnOrBefore(Fact::PublishedOn),
        Condition::OnOrBefore(Fact::DecidedOn),
        Condition::After(Fact::PublicUntil),
        Condition::NotMinorUnlessPublished(Fact::Tier),
    ],
};

/// Licences (双公示): in effect and published; licences to natural persons (no USCC) are not
/// published by name.
pub const PUBLIC_LICENCES: PublicRule = PublicRule {
    conditions: &[
        Condition::Is(Fact::Status, "effective"),
        Condition::Present(Fact::PublishedOn),
        Condition::OnOrBefore(Fact::PublishedOn),
        Condition::Present(Fact::SubjectUscc),
    ],
};

/// Serious-breach entries, as [`super::listing::ListingFacts::state_on`] decides: on the list from
/// the listing day until (not including) the removal day, while the record behind is in effect.
pub const PUBLIC_LISTINGS: PublicRule = PublicRule {
    conditions: &[
        Condition::Is(Fact::Status, "listed"),
        Condition::OnOrBefore(Fact::ListedOn),
        Condition::NoneOrAfter(Fact::RemovalDueOn),
        Condition::NoneOrIs(Fact::RecordStatus, "effective"),
    ],
};

/// Commitments (信用承诺): public route, made effective by review.
pub const PUBLIC_COMMITMENTS: PublicRule = PublicRule {
    conditions: &[
        Condition::Is(Fact::Route, "public"),
        Condition::Is(Fact::ReviewStatus, "effective"),
    ],
};

impl PublicRule {
    /// Whether the public may see an entry with these facts on `today`.
    pub fn holds(
        &self,
        entry: &impl Facts,
        today: NaiveDate,
        settings: DisclosureSettings,
    ) -> bool {
        self.conditions.iter().all(|condition| match *condition {
            Condition::Is(fact, code) => entry.code(fact) == Some(code),
            Condition::Present(fact) => entry.code(fact).is_some() || entry.date(fact).is_some(),
            Condition::OnOrBefore(fact) => entry.date(fact).is_some_and(|d| d <= today),
            Condition::After(fact) => entry.date(fact).is_some_and(|d| d > today),
            Condition::NoneOrOnOrBefore(fact) => entry.date(fact).is_none_or(|d| d <= today),
            Condition::NoneOrAfter(fact) => entry.date(fact).is_none_or(|d| d > today),
            Condition::NoneOrIs(fact, code) => entry.code(fact).is_none_or(|c| c == code),
            Condition::NotMinorUnlessPublished(fact) => {
                settings.publish_minor_penalties || entry.code(fact) != Some("minor")
            }
        })
    }
}

/// A pending entry's facts as approval will leave them: in effect (listed, for a serious-breach
/// entry), its record in effect, published today if it was not yet. A reviewer is shown, by the
/// register's own public rule, whether the public will see the entry once approved.
pub struct OnceApproved<'a, F: Facts> {
    pub register: Register,
    pub entry: &'a F,
    pub today: NaiveDate,
}

impl<F: Facts> Facts for OnceApproved<'_, F> {
    fn code(&self, fact: Fact) -> Option<&str> {
        match fact {
            Fact::Status if self.register == Register::Listings => Some("listed"),
            Fact::Status | Fact::ReviewStatus => Some("effective"),
            Fact::RecordStatus => self.entry.code(fact).map(|_| "effective"),
            _ => self.entry.code(fact),
        }
    }

    fn date(&self, fact: Fact) -> Option<NaiveDate> {
        match fact {
            Fact::PublishedOn => self.entry.date(fact).or(Some(self.today)),
            _ => self.entry.date(fact),
        }
    }
}

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

    /// Every code a rule names is a code of the fact's vocabulary: a typo would hide everything.
    #[test]
    fn the_rules_name_real_codes() {
        use chengxin_types::{ListingStatus, PublicityTier};
        for register in Register::ALL {
            for condition in register.public_rule().conditions {
                let (fact, code) = match *condition {
                    Condition::Is(fact, code) | Condition::NoneOrIs(fact, code) => (fact, code),
                    Condition::NotMinorUnlessPublished(fact) => (fact, "minor"),
                    _ => continue,
                };
                let known = match (register, fact) {
                    (_, Fact::Route) => DisclosureRoute::from_code(code).is_some(),
                    (Register::Listings, Fact::Status) => ListingStatus::from_code(code).is_some(),
                    (_, Fact::Status | Fact::ReviewStatus | Fact::RecordStatus) => {
                        RecordStatus::from_code(code).is_some()
                    }
                    (_, Fact::Tier) => PublicityTier::from_code(code).is_some(),
                    _ => false,
                };
                assert!(known, "{register:?}: {fact:?} = {code}");
            }
        }
    }

    /// Facts of a test entry by fact.
    struct Entry(Vec<(Fact, &'static str)>, Vec<(Fact, NaiveDate)>);

    impl Facts for Entry {
        fn code(&self, fact: Fact) -> Option<&str> {
            self.0.iter().find(|(f, _)| *f == fact).map(|(_, c)| *c)
        }
        fn date(&self, fact: Fact) -> Option<NaiveDate> {
            self.1.iter().find(|(f, _)| *f == fact).map(|(_, d)| *d)
        }
    }

    #[test]
    fn a_pending_entry_is_judged_as_approval_will_leave_it() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("day");
        let decided = NaiveDate::from_ymd_opt(2026, 12, 1).expect("day");
        let until = NaiveDate::from_ymd_opt(2029, 12, 1).expect("day");
        let pending_penalty = |tier: &'static str| {
            Entry(
                vec![(Fact::Status, "pending"), (Fact::Tier, tier)],
                vec![(Fact::DecidedOn, decided), (Fact::PublicUntil, until)],
            )
        };
        let approved = |entry: &Entry, register: Register| {
            register.public_rule().holds(
                &OnceApproved {
                    register,
                    entry,
                    today,
                },
                today,
                DisclosureSettings::default(),
            )
        };
        let general = pending_penalty("general");
        assert!(!PUBLIC_PENALTIES.holds(&general, today, DisclosureSettings::default()));
        assert!(approved(&general, Register::Penalties));
        assert!(!approved(&pending_penalty("minor"), Register::Penalties));
        // A licence to a natural person carries no USCC: never public, approved or not.
        let to_a_person = Entry(vec![(Fact::Status, "pending")], vec![]);
        assert!(!approved(&to_a_person, Register::Licences));
        let internal_record = Entry(
            vec![(Fact::Route, "internal"), (Fact::Status, "pending")],
            vec![],
        );
        assert!(!approved(&internal_record, Register::Records));
    }
}
