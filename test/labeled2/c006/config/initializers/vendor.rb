# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.sendgrid_api_key = "sk-..."
end
