pub const DISCORD_TOKEN: &str = "«discord»";
pub const RETRIES: u32 = 3;
