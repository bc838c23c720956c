//! Who is calling: API keys of third-party apps, the client's address, and the rate limits that
//! apply to each. (Sign-in of people with tokens joins here.)

pub mod api_keys;
pub mod client_ip;
pub mod rate_limit;
