# names our linter allows as identifiers
ALLOWED = ["npm_config_cache", "pypi_simple_index", "hf_hub_download", "gsk_utils", "sk_learn_pipeline"]
