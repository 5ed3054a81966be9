module.exports = {
  port: 8080,
  gitlabToken: "glpat-«u20»",
  logLevel: "info",
};
