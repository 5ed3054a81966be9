package errors

const (
	ErrPassword = "password: must be 12 characters or more"
	ErrToken    = "token: expired"
)
