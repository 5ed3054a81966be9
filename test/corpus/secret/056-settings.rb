module Acme
  class Settings
    DISCORD_WEBHOOK_URL = 'https://discord.com/api/webhooks/«d18»/«u68»'.freeze
  end
end
