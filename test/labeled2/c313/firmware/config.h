#define API_KEY_LEN 32
#define API_KEY_ENV "API_KEY"
#define TOKEN_HEADER "X-Token"
