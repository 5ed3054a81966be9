package com.acme.app;

public final class AppConfig {
    public static final String DISCORD_TOKEN = "«discord»";
    public static final int RETRIES = 3;
}
