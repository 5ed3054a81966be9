module.exports = {
  apiKey: "mock-api-key-123",
  webhookSecret: "whsec_test_secret",
  accessToken: "mock-access-token",
};
