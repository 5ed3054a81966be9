# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.pip_extra_index_url = "https://ci-bot:«A20»@pypi.internal.acme.io/simple/"
end
