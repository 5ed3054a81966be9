export const STRIPE_KEY = process.env.STRIPE_KEY ?? "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx";
