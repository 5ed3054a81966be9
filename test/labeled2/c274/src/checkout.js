const stripe = Stripe('pk_live_«A99»');
