'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  githubToken: 'TODO',
  features: { search: true },
};
