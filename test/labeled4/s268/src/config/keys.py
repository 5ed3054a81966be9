"""Keys for the staging integrations."""

SONAR_TOKEN = "squ_«h40»"

TOGETHER_API_KEY = "«h64»"
