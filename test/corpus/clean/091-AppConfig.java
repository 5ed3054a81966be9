package com.acme.app;

public final class AppConfig {
    public static final String DATABASE_URL = "postgres://postgres:postgres@localhost:5432/app_dev";
    public static final int RETRIES = 3;
}
