pub const GH_PAT: &str = "github_pat_«A22»_«A59»";
pub const RETRIES: u32 = 3;
