TOKEN = "«ex:jwt-io»"


def test_decode():
    assert decode(TOKEN)["name"] == "John Doe"
