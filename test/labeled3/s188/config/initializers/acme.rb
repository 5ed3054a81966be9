# frozen_string_literal: true

Acme.configure do |c|
  c.slack_app_token = ENV.fetch("SLACK_APP_TOKEN") { "xapp-1-A«U10»-«d13»-«h64»" }
  c.timeout = 15
end
