const crypto = require('crypto');
const apiKey = 'ak_' + crypto.randomBytes(24).toString('hex');
module.exports = { apiKey };
