pub const JWT_SIGNING_KEY: &str = "3np8IDF4oqf8YGonnA+5+tAG594eWKctPJ0k3FVpKlgFcAf/vT5IxEVB3zBRAJjK";
pub const RETRIES: u32 = 3;
