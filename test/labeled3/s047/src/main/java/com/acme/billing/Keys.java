package com.acme.billing;

public final class Keys {
    private Keys() {}

    static final String ELEVENLABS_API_KEY =
        "sk_«h48»";
}
