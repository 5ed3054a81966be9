module Integrations
  SHOPIFY = { shop: "acme.myshopify.com", token: "shpat_«h32»" }.freeze
  MAILCHIMP = { key: "«h32»-us21" }.freeze
  HUBSPOT = { token: "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»" }.freeze
end
