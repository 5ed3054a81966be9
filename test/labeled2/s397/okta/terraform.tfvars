okta_org_name = "acme"
okta_base_url = "okta.com"
okta_api_token = "00«u40»"
