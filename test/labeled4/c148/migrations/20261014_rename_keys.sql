ALTER TABLE api_keys RENAME COLUMN sk_live TO live_key_hash;
ALTER TABLE api_keys ADD COLUMN last4 CHAR(4);
