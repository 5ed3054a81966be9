-- Flyway migration
CREATE TABLE api_keys (
  id UUID PRIMARY KEY,
  key_hash CHAR(64) NOT NULL,
  last4 CHAR(4) NOT NULL,
  created_at TIMESTAMPTZ DEFAULT now()
);
