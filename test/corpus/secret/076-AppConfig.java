package com.acme.app;

public final class AppConfig {
    public static final String GITHUB_INSTALLATION_TOKEN = "ghs_gV7w3DXzQzAYYDY6ry1QfBycAmxTxruRymo0";
    public static final int RETRIES = 3;
}
