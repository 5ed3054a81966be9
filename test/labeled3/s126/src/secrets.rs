//! Keys for the sync worker.

pub const ENDPOINT: &str = "https://api.acme.io";
pub const SHOPIFY_ACCESS_TOKEN: &str = "shpat_«h32»";
