'use strict';

module.exports = {
  port: Number(process.env.PORT || 8080),
  logLevel: 'info',
  slackBotToken: 'xoxb-«d12»-«d13»-«A24»',
  features: { search: true },
};
