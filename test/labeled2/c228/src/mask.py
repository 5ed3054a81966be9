def mask(secret: str) -> str:
    """Show the first four characters only."""
    return secret[:4] + "*" * (len(secret) - 4)
