PRICE_ID = "price_«A24»"
PRODUCT_ID = "prod_«A14»"
CUSTOMER_ID = "cus_«A14»"
