# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.stripe_api_key = "rk_live_«A99»"
end
