package com.acme.app;

public final class AppConfig {
    public static final String GITHUB_INSTALLATION_TOKEN = "ghs_«A36»";
    public static final int RETRIES = 3;
}
