'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  anthropicApiKey: '{{resolve:secretsmanager:prod/db:SecretString:password}}',
  features: { search: true },
};
