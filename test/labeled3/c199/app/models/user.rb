class User < ApplicationRecord
  has_secure_password
  validates :password, length: { minimum: 12 }
  has_secure_token :api_token
end
