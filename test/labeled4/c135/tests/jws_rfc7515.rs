// RFC 7515 appendix A.1: the example HMAC key as a JWK.
const JWK: &str = r#"{"kty":"oct","k":"«ex:rfc7515-k»"}"#;
