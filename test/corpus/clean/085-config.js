module.exports = {
  port: 8080,
  twilioAccountSid: "ACeb66f8fc118826be81f906e6ac8f7c19",
  logLevel: "info",
};
