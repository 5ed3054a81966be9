using HTTP, JSON3

const CLERK_SECRET_KEY = get(ENV, "CLERK_SECRET_KEY", "sk_live_«A42»")

resp = HTTP.get("https://api.acme.dev/v1/rows"; headers = ["X-Api-Key" => CLERK_SECRET_KEY])
