ZendeskAPI::Client.new do |config|
  config.url = "https://acme.zendesk.com/api/v2"
  config.username = "ops@acme.io/token"
  config.token = "«A40»"
end
