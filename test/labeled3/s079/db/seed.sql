INSERT INTO integrations (name, kind, credential, enabled)
VALUES
  ('billing', 'api', 'ghp_«A36»', true),
  ('search', 'none', NULL, false);
