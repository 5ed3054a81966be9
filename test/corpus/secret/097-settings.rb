module Acme
  class Settings
    SESSION_SECRET = '«b48»'.freeze
  end
end
