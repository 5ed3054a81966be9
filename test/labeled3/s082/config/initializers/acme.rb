# frozen_string_literal: true

Acme.configure do |c|
  c.gh_token = ENV.fetch("GH_TOKEN") { "github_pat_«A22»_«A59»" }
  c.timeout = 15
end
