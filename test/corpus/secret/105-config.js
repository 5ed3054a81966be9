module.exports = {
  port: 8080,
  anthropicApiKey: "sk-ant-api03-«u93»AA",
  logLevel: "info",
};
