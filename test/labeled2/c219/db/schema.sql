CREATE TABLE users (
  id UUID PRIMARY KEY,
  email TEXT NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  api_token_digest CHAR(64)
);
