# writes fixture ids like "AKIA0000TESTID"
FIXTURE_KEY_ID = "AKIA" + "0" * 4 + "TESTID"
