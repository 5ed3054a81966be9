import pytest

FAKE_TOKEN = "fake-token-for-tests"


def test_rejects_bad_token(client):
    resp = client.get("/me", headers={"Authorization": "Bearer invalid-token"})
    assert resp.status_code == 401
