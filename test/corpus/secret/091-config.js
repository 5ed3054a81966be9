module.exports = {
  port: 8080,
  supabaseServiceRoleKey: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MDk1NTA5MjIwIiwibmFtZSI6InVzZXI2NTg2IiwiaWF0IjoxNzAwNjgyNjg5fQ.2Fsx5jnT3COP3k5_SDFrgEdWB7fsFJvP9KgIkvLuBzn",
  logLevel: "info",
};
