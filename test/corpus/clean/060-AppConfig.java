package com.acme.app;

public final class AppConfig {
    public static final String PASSWORD_MIN_LENGTH = "12";
    public static final int RETRIES = 3;
}
