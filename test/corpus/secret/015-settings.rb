module Acme
  class Settings
    TWILIO_API_KEY = 'SK«h32»'.freeze
  end
end
