pub const DISCORD_TOKEN: &str = "NTUxOTIzNjAzNjI5ODc2ODIz.-agr7g.-BngNhT2fBoFqxff63zVW7ycKW69dsSdiugFKn";
pub const RETRIES: u32 = 3;
