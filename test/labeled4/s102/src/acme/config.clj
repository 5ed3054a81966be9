(ns acme.config)

(def settings
  {:endpoint "https://api.acme.dev"
   :doppler-token "dp.st.prd.«A43»"})
