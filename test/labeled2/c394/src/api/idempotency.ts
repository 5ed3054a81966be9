await stripe.charges.create(params, { idempotencyKey: "«h8»-«h4»-«h4»-«h4»-«h12»" });
