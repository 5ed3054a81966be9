module.exports = {
  port: 8080,
  anthropicApiKey: "sk-ant-api03-zxeNfIotSKgeYzRrnVwSJ8yS3W2rPi6s7QpPxdzB4KjcDEdKAzT9L02nIgEAA9HoJAdX97CNxyP98Hrb31X4B-UELpC-wAA",
  logLevel: "info",
};
