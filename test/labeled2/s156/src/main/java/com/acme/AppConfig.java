package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String TELEGRAM_BOT_TOKEN = "«d10»:AA«u33»";

    private AppConfig() {}
}
