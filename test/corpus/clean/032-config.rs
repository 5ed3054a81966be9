pub const SENDGRID_API_KEY: &str = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
pub const RETRIES: u32 = 3;
