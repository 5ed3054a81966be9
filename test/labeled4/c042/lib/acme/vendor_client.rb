# frozen_string_literal: true

module Acme
  class VendorClient
    DEFAULT_KEY = <<~KEY.strip
      CHANGE_ME_IN_PRODUCTION
    KEY

    def initialize(key: ENV.fetch("POSTMARK_SERVER_TOKEN", DEFAULT_KEY))
      @key = key
    end
  end
end
