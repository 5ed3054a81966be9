use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const LINEAR_API_KEY: &str = "lin_api_«A40»";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
