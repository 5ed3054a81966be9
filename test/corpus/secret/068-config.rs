pub const JWT_SIGNING_KEY: &str = "«b64»";
pub const RETRIES: u32 = 3;
