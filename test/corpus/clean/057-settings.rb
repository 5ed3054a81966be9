module Acme
  class Settings
    SESSION_SECRET = '<generate with: openssl rand -hex 32>'.freeze
  end
end
