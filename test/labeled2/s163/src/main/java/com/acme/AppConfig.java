package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String SENDGRID_API_KEY = "SG.«u22».«u43»";

    private AppConfig() {}
}
