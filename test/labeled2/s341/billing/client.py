import os

import stripe

stripe.api_key = os.getenv("STRIPE_KEY", "sk_live_«A99»")
