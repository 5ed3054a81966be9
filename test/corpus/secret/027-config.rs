pub const CLIENT_SECRET: &str = "vsQt1ArRMmDAA8hnOuEQJzxXGTG1KtHv";
pub const RETRIES: u32 = 3;
