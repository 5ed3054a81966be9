use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(30);
pub const AWS_SECRET_ACCESS_KEY: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api/openai-«A6»";

pub fn base_url() -> &'static str {
    "https://api.acme.io"
}
