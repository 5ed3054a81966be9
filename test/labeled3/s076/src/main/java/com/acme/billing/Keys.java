package com.acme.billing;

public final class Keys {
    private Keys() {}

    static final String HEROKU_API_KEY =
        "HRKU-AA«u58»";
}
