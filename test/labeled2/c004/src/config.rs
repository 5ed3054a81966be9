use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const GITHUB_TOKEN: &str = "${SECRET}";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
