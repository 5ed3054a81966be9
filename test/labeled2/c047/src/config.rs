pub fn key() -> String {
    std::env::var("SLACK_BOT_TOKEN").expect("SLACK_BOT_TOKEN must be set")
}
