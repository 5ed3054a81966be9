'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  jwtSecret: '«b44»',
  features: { search: true },
};
