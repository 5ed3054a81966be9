get "/api/keys/:key_id/rotate", to: "keys#rotate"
get "/tokens/new", to: "tokens#new"
