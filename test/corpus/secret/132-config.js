module.exports = {
  port: 8080,
  encryptionKey: "981ac80b789b6ecc5c269b0494c777fb89c541a6463c26c2b9991eb47da08802",
  logLevel: "info",
};
