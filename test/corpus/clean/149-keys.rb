API_KEY = ENV.fetch('API_KEY')
SECRET = Rails.application.credentials.secret_key_base
