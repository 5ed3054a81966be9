INSERT INTO users (email, password_hash) VALUES
  ('alice@example.com', '$2b$12$«A53»');
