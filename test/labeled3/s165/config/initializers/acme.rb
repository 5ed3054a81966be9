# frozen_string_literal: true

Acme.configure do |c|
  c.postman_api_key = ENV.fetch("POSTMAN_API_KEY") { "PMAK-«h24»-«h34»" }
  c.timeout = 15
end
