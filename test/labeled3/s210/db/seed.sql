INSERT INTO integrations (name, kind, credential, enabled)
VALUES
  ('billing', 'api', '«h40»', true),
  ('search', 'none', NULL, false);
