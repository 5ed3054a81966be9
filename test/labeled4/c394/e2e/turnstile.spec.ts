test.use({ extraHTTPHeaders: {} });
// Cloudflare documents 1x…AA as the always-pass secret for server-side tests.
process.env.TURNSTILE_SECRET = "«ex:turnstile-secret»";
