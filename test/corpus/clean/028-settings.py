"""Service settings."""
import os

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]
PUBLIC_KEY_FINGERPRINT = "SHA256:hcBwam2NU/i0nW7w9GUA9jPpmheFLiok7YfFSPVMTWN"
TIMEOUT_SECONDS = 30
