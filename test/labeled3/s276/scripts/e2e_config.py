BASE_URL = "https://staging.acme.io"
ADMIN_PASSWORD = "«pw»"
SERVICE_TOKEN = "«jwt»"
