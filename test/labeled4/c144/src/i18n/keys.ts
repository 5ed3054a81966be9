export const KEY_SETTINGS_TITLE = "settings.api_keys.title";
export const KEY_TOKEN_HINT = "settings.api_keys.token_hint";
export const KEY_SECRET_LABEL = "settings.api_keys.secret_label";
