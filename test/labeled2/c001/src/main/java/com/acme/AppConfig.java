package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String AWS_SECRET_ACCESS_KEY = "${SECRET}";

    private AppConfig() {}
}
