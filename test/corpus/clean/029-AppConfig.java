package com.acme.app;

public final class AppConfig {
    public static final String CACHE_KEY = "deps-«h40»";
    public static final int RETRIES = 3;
}
