# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.pinecone_api_key = "pcsk_«A6»_«A63»"
end
