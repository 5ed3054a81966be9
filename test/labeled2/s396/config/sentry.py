import sentry_sdk

sentry_sdk.init(dsn="https://«h32»:«h32»@sentry.acme.io/4", traces_sample_rate=0.1)
