use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const OPENAI_API_KEY: &str = "changeme";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
