module Secrets
  def self.fetch!(name)
    ENV.fetch(name) { raise KeyError, "missing secret #{name}; set it in the vault" }
  end

  API_KEY = fetch!("API_KEY")
  DB_PASSWORD = fetch!("DB_PASSWORD")
end
