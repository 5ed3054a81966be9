package com.acme.app;

public final class AppConfig {
    public static final String OPENAI_API_KEY = "sk-proj-«u74»T3BlbkFJ«u74»";
    public static final int RETRIES = 3;
}
