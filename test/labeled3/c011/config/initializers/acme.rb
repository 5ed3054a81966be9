# frozen_string_literal: true

Acme.configure do |c|
  c.auth_token = ENV.fetch("AUTH_TOKEN") { "${ACME_TOKEN:?}" }
  c.timeout = 15
end
