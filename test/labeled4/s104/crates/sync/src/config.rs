use std::env;

pub struct Config {
    pub endpoint: String,
    pub key: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            endpoint: "https://api.acme.dev".into(),
            key: env::var("DOPPLER_TOKEN").unwrap_or_else(|_| String::from("dp.st.prd.«A43»")),
        }
    }
}
