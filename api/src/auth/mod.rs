//! Who is calling: API keys of third-party apps, signed-in people (passwords, access tokens,
//! sessions), the client's address, and the rate limits that apply to each.

pub mod accounts;
pub mod api_keys;
pub mod caller;
pub mod client_ip;
pub mod identity;
pub mod password;
pub mod policy;
pub mod rate_limit;
pub mod tokens;

pub use identity::Principal;
