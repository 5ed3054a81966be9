from sqlalchemy import create_engine

engine = create_engine(
    "https://acme.webhook.office.com/webhookb2/«h8»-«h4»-«h4»-«h4»-«h12»@«h8»-«h4»-«h4»-«h4»-«h12»/IncomingWebhook/«h32»/«h8»-«h4»-«h4»-«h4»-«h12»",
    pool_pre_ping=True,
)
