use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const STRIPE_SECRET_KEY: &str = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
