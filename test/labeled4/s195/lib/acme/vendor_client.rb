# frozen_string_literal: true

module Acme
  class VendorClient
    DEFAULT_KEY = <<~KEY.strip
      EAAA«u60»
    KEY

    def initialize(key: ENV.fetch("SQUARE_ACCESS_TOKEN", DEFAULT_KEY))
      @key = key
    end
  end
end
