module.exports = {
  port: 8080,
  gitlabToken: "glpat-2a7e-smsE7ZRPLXh0wjs",
  logLevel: "info",
};
