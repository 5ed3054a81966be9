netlify_auth_token = "nfp_«A36»"
clerk_secret_key = "sk_live_«A42»"
ibmcloud_api_key = "«u44»"
