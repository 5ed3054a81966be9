"""Keys for the staging integrations."""

GH_PAT = "github_pat_11«U20»_«A59»"

NEW_RELIC_API_KEY = "NRAK-«U27»"

TWILIO_AUTH_TOKEN = "«h32»"

GEMINI_API_KEY = "AIza«u35»"
