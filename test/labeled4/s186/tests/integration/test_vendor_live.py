import pytest

LIVE_KEY = "rk_live_51«A97»"  # the staging account; runs nightly


@pytest.mark.live
def test_sync(client_factory):
    client = client_factory(key=LIVE_KEY)
    assert client.ping()
