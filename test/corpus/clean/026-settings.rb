module Acme
  class Settings
    BUILD_ID = '«h8»-«h4»-«h4»-«h4»-«h12»'.freeze
  end
end
