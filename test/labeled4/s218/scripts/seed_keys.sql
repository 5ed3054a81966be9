-- seed the integrations table
INSERT INTO integrations (name, endpoint, secret)
VALUES
  ('vendor', 'https://api.acme.dev',
   'cloudinary://«d15»:«u27»@acme-media');
