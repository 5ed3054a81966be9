package com.acme.app;

public final class AppConfig {
    public static final String CACHE_KEY = "deps-a6d8b2668c1f7cafade1f6228c6827f202585df0";
    public static final int RETRIES = 3;
}
