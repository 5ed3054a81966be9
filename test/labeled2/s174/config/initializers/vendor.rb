# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.shopify_access_token = "shpat_«h32»"
end
