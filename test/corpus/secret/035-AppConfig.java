package com.acme.app;

public final class AppConfig {
    public static final String OPENAI_API_KEY = "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";
    public static final int RETRIES = 3;
}
