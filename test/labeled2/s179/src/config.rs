use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const JIRA_API_TOKEN: &str = "ATATT3xFfGF0«u180»=«H8»";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
