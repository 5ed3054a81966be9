package oauth

const (
	TokenURL = "https://oauth2.googleapis.com/token"
	AuthURL  = "https://accounts.google.com/o/oauth2/auth"
	GrantType = "authorization_code"
)
