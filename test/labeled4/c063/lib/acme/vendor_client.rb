# frozen_string_literal: true

module Acme
  class VendorClient
    DEFAULT_KEY = <<~KEY.strip
      SG.xxxx...xxxx
    KEY

    def initialize(key: ENV.fetch("BRAINTREE_ACCESS_TOKEN", DEFAULT_KEY))
      @key = key
    end
  end
end
