def test_login(client):
    r = client.post("/login", json={"user": "alice", "password": "password123"})
    assert r.status_code == 200
