module.exports = { secretKey: 'sk_test_mock', webhookSecret: 'whsec_test' };
