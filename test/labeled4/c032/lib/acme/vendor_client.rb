# frozen_string_literal: true

module Acme
  class VendorClient
    DEFAULT_KEY = <<~KEY.strip
      glpat-xxxxxxxxxxxxxxxxxxxx
    KEY

    def initialize(key: ENV.fetch("TFE_TOKEN", DEFAULT_KEY))
      @key = key
    end
  end
end
