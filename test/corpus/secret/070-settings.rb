module Acme
  class Settings
    OPENAI_API_KEY = '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'.freeze
  end
end
