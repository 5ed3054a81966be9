from acme.client import Client


def test_sends_key(httpx_mock):
    client = Client(api_key="test-api-key")
    client.ping()
    assert httpx_mock.get_request().headers["x-api-key"] == "test-api-key"
