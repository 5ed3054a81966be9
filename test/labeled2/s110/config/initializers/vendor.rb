# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.gitlab_token = "glpat-«u20»"
end
