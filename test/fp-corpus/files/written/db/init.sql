-- Run by psql with -v app_password=... from the deployment's environment.
CREATE ROLE app WITH LOGIN PASSWORD :'app_password';
CREATE DATABASE app OWNER app;
GRANT ALL PRIVILEGES ON DATABASE app TO app;
