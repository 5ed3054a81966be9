module Acme
  class Settings
    OPENAI_API_KEY = 'sk-«A20»T3BlbkFJ«A20»'.freeze
  end
end
