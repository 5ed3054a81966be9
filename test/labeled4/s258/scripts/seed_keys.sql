-- seed the integrations table
INSERT INTO integrations (name, endpoint, secret)
VALUES
  ('vendor', 'https://api.acme.dev',
   'https://deploy-bot:«A28»@nexus.acme.io/repository/npm-private/');
