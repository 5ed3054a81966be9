module.exports = {
  apiKey: process.env.API_KEY || 'YOUR_API_KEY_HERE',
  secret: 'dummy-secret',
};
