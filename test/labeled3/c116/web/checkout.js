// Stripe's documented test publishable key.
const stripe = Stripe('«ex:stripe-pk-doc»');
