from acme.security.mask import mask


def test_mask_keeps_last_four():
    assert mask("abcdefgh") == "****efgh"
