let token = std::env::var("API_TOKEN").expect("API_TOKEN must be set");
let password = rpassword::prompt_password("Password: ")?;
