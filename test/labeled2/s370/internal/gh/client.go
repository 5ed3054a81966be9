package gh

import "net/http"

func header() http.Header {
	return http.Header{"Authorization": {"token ghp_«A36»"}}
}
