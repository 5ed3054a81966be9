from sqlalchemy import create_engine

engine = create_engine(
    "DefaultEndpointsProtocol=https;AccountName=acme«l6»;AccountKey=«b86»==;EndpointSuffix=core.windows.net",
    pool_pre_ping=True,
)
