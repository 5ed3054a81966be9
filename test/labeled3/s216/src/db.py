from sqlalchemy import create_engine

engine = create_engine(
    "mongodb+srv://svc-api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority",
    pool_pre_ping=True,
)
