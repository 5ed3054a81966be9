use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const OPENROUTER_API_KEY: &str = "sk-or-v1-«h64»";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
