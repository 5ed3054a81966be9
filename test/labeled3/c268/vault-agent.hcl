template {
  contents = "{{ with secret \"secret/data/api\" }}{{ .Data.data.token }}{{ end }}"
  destination = "/etc/api/token"
}
