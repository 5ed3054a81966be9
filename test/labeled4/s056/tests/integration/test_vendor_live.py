import pytest

LIVE_KEY = "HRKU-AA«u58»"  # the staging account; runs nightly


@pytest.mark.live
def test_sync(client_factory):
    client = client_factory(key=LIVE_KEY)
    assert client.ping()
