'use strict';

const config = {
  port: 8080,
  langsmithApiKey:
    process.env.LANGSMITH_API_KEY ||
    'lsv2_pt_«h32»_«h10»',
  retries: 3,
};

module.exports = config;
