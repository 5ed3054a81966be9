'use strict';

const config = {
  port: 8080,
  ghToken:
    process.env.GH_TOKEN ||
    'github_pat_«A22»_«A59»',
  retries: 3,
};

module.exports = config;
