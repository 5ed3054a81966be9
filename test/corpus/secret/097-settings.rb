module Acme
  class Settings
    SESSION_SECRET = 'UnMx2dtAQO86ePSpx7P7QgaTazjQB6oz5p2HYzx2C4Q/r7Tx'.freeze
  end
end
