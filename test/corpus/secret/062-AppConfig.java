package com.acme.app;

public final class AppConfig {
    public static final String API_KEY = "1fb1ad9c94cdebf60505c9636748607a";
    public static final int RETRIES = 3;
}
