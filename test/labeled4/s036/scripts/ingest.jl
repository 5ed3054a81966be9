using HTTP, JSON3

const LANGSMITH_API_KEY = get(ENV, "LANGSMITH_API_KEY", "lsv2_pt_«h32»_«h10»")

resp = HTTP.get("https://api.acme.dev/v1/rows"; headers = ["X-Api-Key" => LANGSMITH_API_KEY])
