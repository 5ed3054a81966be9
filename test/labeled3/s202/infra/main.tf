terraform {
  required_version = ">= 1.6"
}

variable "teams_webhook_url" {
  type      = string
  sensitive = true
  default   = "https://acme.webhook.office.com/webhookb2/«h8»-«h4»-«h4»-«h4»-«h12»@«h8»-«h4»-«h4»-«h4»-«h12»/IncomingWebhook/«h32»/«h8»-«h4»-«h4»-«h4»-«h12»/V2«u44»"
}
