//! One module per area of the app; each page is a component the router mounts.

pub mod cases;
pub mod home;
pub mod me;
pub mod public;
