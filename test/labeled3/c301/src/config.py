# To get an API key, sign up at https://acme.io/keys and set ACME_API_KEY.
# Never commit the key itself.
ACME_API_KEY = os.environ.get("ACME_API_KEY", "")
