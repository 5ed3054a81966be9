'use strict';

const config = {
  port: 8080,
  anthropicApiKey:
    process.env.ANTHROPIC_API_KEY ||
    'sk-ant-api03-«u93»AA',
  retries: 3,
};

module.exports = config;
