(ns acme.config)

(def settings
  {:endpoint "https://api.acme.dev"
   :paypal-client-secret "E«u79»"})
