subscription_id = "«h8»-«h4»-«h4»-«h4»-«h12»"
tenant_id       = "«h8»-«h4»-«h4»-«h4»-«h12»"
client_id       = "«h8»-«h4»-«h4»-«h4»-«h12»"
