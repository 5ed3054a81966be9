package com.acme.app;

public final class AppConfig {
    public static final String OPENAI_API_KEY = "sk-...your-key...";
    public static final int RETRIES = 3;
}
