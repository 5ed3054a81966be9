def mask(secret: str, keep: int = 4) -> str:
    """Shows the last characters only: sk-...abcd."""
    if len(secret) <= keep:
        return "*" * len(secret)
    return "*" * (len(secret) - keep) + secret[-keep:]
