//! Keys for the sync worker.

pub const ENDPOINT: &str = "https://api.acme.io";
pub const GITLAB_TOKEN: &str = "glpat-«u20»";
