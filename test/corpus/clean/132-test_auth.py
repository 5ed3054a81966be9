def test_rejects_wrong_password(client):
    resp = client.post("/login", data={"password": "wrong"})
    assert resp.status_code == 401
