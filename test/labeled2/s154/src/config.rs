use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const DISCORD_WEBHOOK_URL: &str = "https://discord.com/api/webhooks/«d19»/«u68»";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
