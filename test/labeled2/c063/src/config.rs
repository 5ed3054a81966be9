pub fn key() -> String {
    std::env::var("GITHUB_TOKEN").expect("GITHUB_TOKEN must be set")
}
