# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.anthropic_admin_key = "sk-ant-admin01-«u93»AA"
end
