# TODO(ops): move to the vault before the audit
# PULUMI_ACCESS_TOKEN = "pul-«h40»"
from .settings import *  # noqa
