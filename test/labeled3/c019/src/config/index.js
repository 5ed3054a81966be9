'use strict';

const config = {
  port: 8080,
  apiKey:
    process.env.API_KEY ||
    '********',
  retries: 3,
};

module.exports = config;
