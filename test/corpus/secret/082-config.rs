pub const GOOGLE_MAPS_KEY: &str = "AIzaBBsfDyjQQbADh6R51vdixgKfQDeSzVopalk";
pub const RETRIES: u32 = 3;
