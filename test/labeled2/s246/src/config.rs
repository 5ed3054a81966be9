use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const RABBITMQ_URL: &str = "amqps://worker:«A20»@rabbit.prod.acme.io:5671/jobs";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
