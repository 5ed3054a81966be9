pub const GOOGLE_MAPS_KEY: &str = "AIza«u35»";
pub const RETRIES: u32 = 3;
