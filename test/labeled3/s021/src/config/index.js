'use strict';

const config = {
  port: 8080,
  replicateApiToken:
    process.env.REPLICATE_API_TOKEN ||
    'r8_«A37»',
  retries: 3,
};

module.exports = config;
