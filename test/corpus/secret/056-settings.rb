module Acme
  class Settings
    DISCORD_WEBHOOK_URL = 'https://discord.com/api/webhooks/399444501315412637/NL4yjwsgKm50mUbINM6Za6oBWbJJSebHzgTHR2RoAY4k7LHO2Z3a12Wdbffa1wDaJw1t'.freeze
  end
end
