def test_short_key_is_rejected():
    assert not looks_like_key("sk-abc123")
    assert not looks_like_key("AKIA1234")
