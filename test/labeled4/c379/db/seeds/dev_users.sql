INSERT INTO users (email, password_hash) VALUES
  ('dev@acme.io', '$2b$12$«u53»'),
  ('qa@acme.io', '$2b$12$«u53»');
