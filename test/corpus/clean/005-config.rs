pub const AWS_ACCESS_KEY_ID: &str = "«doc:aws-access-key-id»";
pub const RETRIES: u32 = 3;
