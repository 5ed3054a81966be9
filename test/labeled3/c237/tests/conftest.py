@pytest.fixture
def settings():
    return Settings(secret_key="not-a-real-secret", db_password="postgres")
