create_table "api_keys" do |t|
  t.string "key_digest", null: false
  t.string "token_prefix", limit: 8
end
