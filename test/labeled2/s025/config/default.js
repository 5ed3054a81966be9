'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  hfToken: 'hf_«L34»',
  features: { search: true },
};
