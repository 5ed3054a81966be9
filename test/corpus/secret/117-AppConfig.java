package com.acme.app;

public final class AppConfig {
    public static final String TWILIO_API_KEY = "SK6f362bfafaea63611b72446e97b55537";
    public static final int RETRIES = 3;
}
