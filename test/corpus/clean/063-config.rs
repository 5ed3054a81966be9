pub const BUILD_ID: &str = "«h8»-«h4»-«h4»-«h4»-«h12»";
pub const RETRIES: u32 = 3;
