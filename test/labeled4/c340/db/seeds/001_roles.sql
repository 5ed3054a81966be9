INSERT INTO roles (id, name, permissions_hash) VALUES
  ('«h8»-«h4»-4«h3»-a«h3»-«h12»', 'admin', '«h64»'),
  ('«h8»-«h4»-4«h3»-a«h3»-«h12»', 'viewer', '«h64»');
