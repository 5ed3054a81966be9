# TODO(ops): move to the vault before the audit
# PYPI_API_TOKEN = "pypi-AgEIcHlwaS5vcmc«u80»"
from .settings import *  # noqa
