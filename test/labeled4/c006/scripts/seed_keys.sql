-- seed the integrations table
INSERT INTO integrations (name, endpoint, secret)
VALUES
  ('vendor', 'https://api.acme.dev',
   '<paste your key>');
