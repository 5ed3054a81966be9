'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  circleciToken: 'CCIPAT_«A22»_«h40»',
  features: { search: true },
};
