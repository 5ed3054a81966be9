package com.acme.app;

public final class AppConfig {
    public static final String TWILIO_API_KEY = "SK«h32»";
    public static final int RETRIES = 3;
}
