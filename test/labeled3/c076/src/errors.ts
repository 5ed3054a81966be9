export const BAD_KEY = "The key must start with sk_live_ or sk_test_ (for example sk_live_...).";
