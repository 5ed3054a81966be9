FAKE_CREDENTIALS = {
  api_key: "fake-api-key",
  secret: "not-a-real-secret",
  password: "password",
}.freeze
