import pytest
from acme.tokens import looks_like_token

@pytest.mark.parametrize("value", ["ghp_short", "sk-", "AKIA123", "xoxb-1-2", "glpat-abc"])
def test_rejects_short(value):
    assert not looks_like_token(value)
