pub const GH_PAT: &str = "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";
pub const RETRIES: u32 = 3;
