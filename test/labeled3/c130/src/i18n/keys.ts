export const KEYS = {
  passwordTooShort: "auth.password_too_short",
  tokenExpired: "auth.token_expired",
  apiKeyRevoked: "settings.api_key_revoked",
};
