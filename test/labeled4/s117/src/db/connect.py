from sqlalchemy import create_engine

engine = create_engine(
    "https://discord.com/api/webhooks/«d19»/«u68»",
    pool_pre_ping=True,
)
