from sqlalchemy import create_engine

engine = create_engine(
    "https://ci-bot:«A24»@registry.acme.io/v2/",
    pool_pre_ping=True,
)
