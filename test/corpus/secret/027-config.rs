pub const CLIENT_SECRET: &str = "«A32»";
pub const RETRIES: u32 = 3;
