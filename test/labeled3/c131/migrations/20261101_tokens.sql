ALTER TABLE api_tokens ADD COLUMN token_hash CHAR(64) NOT NULL;
CREATE UNIQUE INDEX api_tokens_token_hash_idx ON api_tokens (token_hash);
