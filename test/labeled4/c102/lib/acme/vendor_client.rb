# frozen_string_literal: true

module Acme
  class VendorClient
    DEFAULT_KEY = <<~KEY.strip
      <%= ENV['API_KEY'] %>
    KEY

    def initialize(key: ENV.fetch("PYPI_API_TOKEN", DEFAULT_KEY))
      @key = key
    end
  end
end
