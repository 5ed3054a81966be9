module Acme
  class Settings
    GITLAB_TOKEN = 'glpat-XvjDBQDtW5qd1pYrH4xk'.freeze
  end
end
