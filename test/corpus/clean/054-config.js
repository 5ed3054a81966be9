module.exports = {
  port: 8080,
  databaseUrl: "postgres://postgres:postgres@localhost:5432/app_dev",
  logLevel: "info",
};
