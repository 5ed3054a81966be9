package com.acme;

class Keys {
    static final String STRIPE_SECRET_KEY = System.getenv("STRIPE_SECRET_KEY");
}
