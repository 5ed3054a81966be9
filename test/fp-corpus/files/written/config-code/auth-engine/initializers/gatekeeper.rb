# frozen_string_literal: true

# Settings of the authentication engine for the dummy application the engine's
# tests run against. Most lines show the default and stay commented out.
Gatekeeper.setup do |config|
  # The secret the engine signs its tokens with. By default it is derived from
  # the application's secret_key_base; set it only to rotate it separately.
  # config.signing_secret = Rails.application.credentials.gatekeeper_secret
  config.signing_secret = ENV.fetch("GATEKEEPER_SIGNING_SECRET") { Rails.application.secret_key_base }

  # Address shown as the sender of the engine's mails.
  config.mailer_sender = "accounts@dummy.example"

  # The ORM: :active_record (default) or :mongoid.
  require "gatekeeper/orm/#{GATEKEEPER_ORM}"

  # ==> Signing in
  # Which attributes identify an account when signing in.
  # config.login_fields = [:email]

  # Attributes compared without case, and with surrounding spaces removed.
  config.case_insensitive_fields = [:email, :username]
  config.trimmed_fields = [:email, :username]

  # Whether a failed sign-in says which of login and password was wrong.
  # config.paranoid = true

  # ==> Passwords
  # The cost of the bcrypt hash. A cost of 1 keeps the test suite fast.
  config.bcrypt_cost = Rails.env.test? ? 1 : 12

  # A pepper mixed into every password hash (default: none).
  # config.pepper = ENV["GATEKEEPER_PEPPER"]

  # Allowed password lengths.
  # config.password_length = 10..128

  # ==> Resetting
  # Which field finds the account a reset link goes to.
  # config.reset_lookup_fields = [:email]

  # How long a reset token stays valid.
  config.reset_token_lifetime = 90.minutes

  # Sign the account in after it chose a new password.
  # config.sign_in_after_reset = true

  # ==> Freezing accounts
  # config.freeze_after_failures = 8
  # config.unfreeze_after = 30.minutes
  # config.unfreeze_lookup_fields = [:email]

  # ==> Remember me
  # config.remember_for = 4.weeks
  # config.refresh_remember_window = false
  # config.rememberable_options = { secure: true }

  # ==> Sessions
  # config.timeout_in = 45.minutes
  # config.expire_all_remember_me_on_sign_out = true
end
