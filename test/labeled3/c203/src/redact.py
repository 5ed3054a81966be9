import re

PATTERN = re.compile(r"(?i)(password|token|secret)=([^&\s]+)")

def redact(s):
    return PATTERN.sub(r"\1=***", s)
