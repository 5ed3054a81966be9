package api

// ExampleIdempotencyKey is what clients send in Idempotency-Key (a UUID v4).
const ExampleIdempotencyKey = "«h8»-«h4»-4«h3»-a«h3»-«h12»"
