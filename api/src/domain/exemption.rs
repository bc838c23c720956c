//! 容错免责 (exemption): which items a reviewer may exempt.
//!
//! The local plans provide exemption for government integrity (政务诚信): conduct of a civil
//! servant or a government body that was in good faith and failed only through force majeure or
//! an honest error is not entered as a breach. It is not a way to take an enterprise's penalty, a
//! licence or a commendation out of 双公示, so only breach records (and listings) of civil servants
//! and government bodies can be exempted.

use chengxin_types::Category;

/// Whom the item is about, as far as exemption is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemptionSubject {
    /// A person holding (or having held) an appointment in a public organisation.
    CivilServant,
    GovernmentBody,
    /// Enterprises, social organisations, public institutions, persons without an appointment.
    Other,
}

/// What kind of submitted item it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExemptionItem {
    /// A credit record, or a serious listing with its record.
    BreachOrOtherRecord(Category),
    /// Penalties, licences, commitments, fulfilments, removals: never exempted.
    Other,
}

/// Whether a reviewer may exempt this item.
pub fn exemption_applies(item: ExemptionItem, subject: ExemptionSubject) -> bool {
    let breach = matches!(
        item,
        ExemptionItem::BreachOrOtherRecord(Category::GeneralBreach | Category::SeriousBreach)
    );
    breach
        && matches!(
            subject,
            ExemptionSubject::CivilServant | ExemptionSubject::GovernmentBody
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_breach_records_of_civil_servants_and_government_bodies() {
        use ExemptionSubject as S;
        for category in Category::ALL {
            let breach = matches!(category, Category::GeneralBreach | Category::SeriousBreach);
            for subject in [S::CivilServant, S::GovernmentBody, S::Other] {
                let expected = breach && subject != S::Other;
                assert_eq!(
                    exemption_applies(ExemptionItem::BreachOrOtherRecord(*category), subject),
                    expected,
                    "{category:?} {subject:?}"
                );
            }
        }
        for subject in [S::CivilServant, S::GovernmentBody, S::Other] {
            assert!(!exemption_applies(ExemptionItem::Other, subject));
        }
    }
}
