module.exports = {
  port: 8080,
  supabaseServiceRoleKey: "«jwt»",
  logLevel: "info",
};
