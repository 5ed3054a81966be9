pub const SESSION_SECRET: &str = "<generate with: openssl rand -hex 32>";
pub const RETRIES: u32 = 3;
