module.exports = {
  port: 8080,
  twilioAuthToken: "«h32»",
  logLevel: "info",
};
