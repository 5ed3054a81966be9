module Acme
  class Settings
    API_KEY = 'changeme'.freeze
  end
end
