pub fn redact(line: &str) -> String {
    let re = regex::Regex::new(r"(?i)(password|token|secret)=\S+").unwrap();
    re.replace_all(line, "$1=[REDACTED]").into_owned()
}
