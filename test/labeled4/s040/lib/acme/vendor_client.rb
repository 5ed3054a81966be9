# frozen_string_literal: true

module Acme
  class VendorClient
    DEFAULT_KEY = <<~KEY.strip
      pcsk_«A5»_«A62»
    KEY

    def initialize(key: ENV.fetch("PINECONE_API_KEY", DEFAULT_KEY))
      @key = key
    end
  end
end
