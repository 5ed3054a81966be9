module.exports = {
  port: 8080,
  passwordMinLength: "12",
  logLevel: "info",
};
