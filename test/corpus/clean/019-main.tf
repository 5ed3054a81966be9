provider "acme" {
  region = "eu-west-1"
  jwt_secret = "{{ .Values.jwtSecret }}"
}
