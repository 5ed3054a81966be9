let key = std::env::var("ENCRYPTION_KEY").expect("ENCRYPTION_KEY");
let nonce = Nonce::from_slice(&bytes[..12]);
