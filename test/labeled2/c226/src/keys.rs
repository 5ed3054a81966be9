pub fn is_github_token(s: &str) -> bool {
    s.starts_with("ghp_") && s.len() == 40
}
