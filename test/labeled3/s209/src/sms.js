const twilio = require('twilio');

const client = twilio(
  'SK«h32»',
  '«A32»',
  { accountSid: 'AC«h32»' },
);
