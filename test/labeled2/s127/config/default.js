'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  dockerhubToken: 'dckr_pat_«u27»',
  features: { search: true },
};
