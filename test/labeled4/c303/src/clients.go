var endpoints = []string{
	"https://api.acme.dev/v1",
	"https://user@git.acme.io/acme/api.git",
	"ssh://git@github.com/acme/api.git",
}
