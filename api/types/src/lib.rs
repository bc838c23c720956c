//! Wire types of the Chengxin API: what goes over HTTP as JSON, shared by the server and the web app.
//!
//! Everything here is plain data (serde), safe to compile to wasm32. The server turns on the
//! `openapi` feature to derive schemas for its published spec.

pub mod account;
pub mod catalogue;
pub mod complaint;
pub mod enums;
pub mod evaluation;
pub mod intake;
pub mod notice;
pub mod objection;
pub mod problem;
pub mod public;
pub mod rectification;
pub mod repair;
pub mod system;

pub use account::*;
pub use catalogue::*;
pub use complaint::*;
pub use enums::*;
pub use evaluation::*;
pub use intake::*;
pub use notice::*;
pub use objection::*;
pub use problem::*;
pub use public::*;
pub use rectification::*;
pub use repair::*;
pub use system::*;
