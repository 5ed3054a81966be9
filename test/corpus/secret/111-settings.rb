module Acme
  class Settings
    GITLAB_TOKEN = 'glpat-«u20»'.freeze
  end
end
