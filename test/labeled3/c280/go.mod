module github.com/acme/api

require golang.org/x/sys v0.0.0-20240101000000-«h12»
