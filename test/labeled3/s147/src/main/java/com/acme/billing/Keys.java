package com.acme.billing;

public final class Keys {
    private Keys() {}

    static final String DD_API_KEY =
        "«h32»";
}
