module.exports = {
  port: 8080,
  twilioAuthToken: "e04af032bf70447371ee5b9d1644e8a5",
  logLevel: "info",
};
