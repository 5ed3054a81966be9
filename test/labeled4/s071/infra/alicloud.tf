provider "alicloud" {
  access_key = "LTAI«A20»"
  secret_key = "«A30»"
  region     = "cn-hangzhou"
}
