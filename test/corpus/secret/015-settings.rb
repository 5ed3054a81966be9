module Acme
  class Settings
    TWILIO_API_KEY = 'SK859cfe85618d8bc8927477fc0dca3863'.freeze
  end
end
