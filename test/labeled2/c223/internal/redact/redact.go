package redact

import "regexp"

var bearer = regexp.MustCompile(`(?i)authorization: bearer [a-z0-9._-]+`)

func Line(s string) string { return bearer.ReplaceAllString(s, "authorization: bearer [REDACTED]") }
