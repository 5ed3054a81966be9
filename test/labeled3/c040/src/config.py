API_KEY = "<INSERT_API_KEY_HERE>"
SECRET_KEY = "<generate with: openssl rand -hex 32>"
