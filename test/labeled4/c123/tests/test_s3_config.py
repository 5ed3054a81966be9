from acme.storage import load_profile


def test_parses_profile(tmp_path):
    p = tmp_path / "credentials"
    p.write_text("[default]\naws_access_key_id = «ex:aws-id»\naws_secret_access_key = «ex:aws-secret»\n")
    assert load_profile(p).key_id.endswith("EXAMPLE")
