package notify

var cfg = Config{
	Channel: "#deploys",
	Token:   "xoxb-«d12»-«d13»-«A24»",
}
