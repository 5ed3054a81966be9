package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String AWS_SECRET_ACCESS_KEY = "gcp:secretmanager:projects/1234567890/secrets/db-password";

    private AppConfig() {}
}
