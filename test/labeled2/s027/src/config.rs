use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const REPLICATE_API_TOKEN: &str = "r8_«A37»";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
