FAKE_STRIPE_KEY = "sk_live_" + "x" * 24


def test_masks():
    assert mask(FAKE_STRIPE_KEY).endswith("xxxx")
