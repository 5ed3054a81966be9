Sentry.init({
  dsn: "https://«h32»@o«d6».ingest.sentry.io/«d7»",
  tracesSampleRate: 0.1,
});
