//! Keys for the sync worker.

pub const ENDPOINT: &str = "https://api.acme.io";
pub const AUTH_TOKEN: &str = "${API_KEY}";
