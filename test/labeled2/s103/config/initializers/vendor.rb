# frozen_string_literal: true

Rails.application.configure do
  config.x.vendor.timeout = 10
  config.x.vendor.gh_token = "github_pat_«A22»_«A59»"
end
