package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String AZURE_OPENAI_API_KEY = "«h32»";

    private AppConfig() {}
}
