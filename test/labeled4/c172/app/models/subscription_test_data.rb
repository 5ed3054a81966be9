SUBSCRIPTION = {
  id: "sub_«A24»",
  price: "price_«A24»",
  product: "prod_«A14»",
  latest_invoice: "in_«A24»",
}.freeze
