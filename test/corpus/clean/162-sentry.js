Sentry.init({
  dsn: "https://123a92af8e68f4c3739857c176e563d1@o728091.ingest.sentry.io/5046114",
  tracesSampleRate: 0.1,
});
