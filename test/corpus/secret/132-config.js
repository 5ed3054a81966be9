module.exports = {
  port: 8080,
  encryptionKey: "«h64»",
  logLevel: "info",
};
