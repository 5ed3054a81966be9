use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const SENDGRID_API_KEY: &str = "INSERT_KEY_HERE";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
