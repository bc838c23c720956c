//! Pure rules of the credit domain: no I/O, no framework, no SQL.
//!
//! Everything a record, a score or a deadline means is decided here, so it can be tested
//! exhaustively without a database or a server.

pub mod calendar;
pub mod catalogue;
pub mod complaint;
pub mod disclosure;
pub mod evaluation;
pub mod exemption;
pub mod extension;
pub mod id_number;
pub mod listing;
pub mod masking;
pub mod objection;
pub mod publicity;
pub mod rectification;
pub mod repair;
pub mod review;
pub mod score;
pub mod timeliness;
pub mod uscc;
pub mod warnings;

pub use calendar::WorkCalendar;
pub use id_number::IdNumber;
pub use masking::{IdMask, NameMask};
pub use publicity::{PublicityRules, PublicityWindow};
pub use uscc::Uscc;
