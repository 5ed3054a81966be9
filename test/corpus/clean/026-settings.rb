module Acme
  class Settings
    BUILD_ID = 'd36e4042-5ef2-23c5-fc42-af346e3b9395'.freeze
  end
end
