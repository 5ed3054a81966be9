'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  stripeWebhookSecret: 'whsec_«A32»',
  features: { search: true },
};
