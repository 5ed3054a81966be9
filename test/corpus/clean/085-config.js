module.exports = {
  port: 8080,
  twilioAccountSid: "AC«h32»",
  logLevel: "info",
};
