pub const BUILD_ID: &str = "6f099ed3-afd4-dd0d-55af-09b0e520e02a";
pub const RETRIES: u32 = 3;
