'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  pypiApiToken: 'pypi-AgEIcHlwaS5vcmc«u140»',
  features: { search: true },
};
