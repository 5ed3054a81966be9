# TODO(ops): move to the vault before the audit
# SENTRY_AUTH_TOKEN = "sm://projects/acme/secrets/vendor-key/versions/latest"
from .settings import *  # noqa
