package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String MISTRAL_API_KEY = "«A32»";

    private AppConfig() {}
}
