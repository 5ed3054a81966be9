package com.acme.app;

public final class AppConfig {
    public static final String API_KEY = "«h32»";
    public static final int RETRIES = 3;
}
