package auth

import "regexp"

// Shapes we accept from users pasting their keys.
var (
	openAIKey  = regexp.MustCompile(`^sk-(proj-)?[A-Za-z0-9_-]{20,}$`)
	githubPAT  = regexp.MustCompile(`^gh[pousr]_[A-Za-z0-9]{36}$`)
	stripeKey  = regexp.MustCompile(`^(sk|rk)_(live|test)_[A-Za-z0-9]{24,}$`)
)
