INSERT INTO tenants (id, name) VALUES ('«h8»-«h4»-«h4»-«h4»-«h12»', 'acme');
