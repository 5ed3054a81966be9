package com.acme;

public final class AppConfig {
    public static final int PORT = 8080;
    public static final String RABBITMQ_URL = "amqps://worker:«A20»@rabbit.prod.acme.io:5671/jobs";

    private AppConfig() {}
}
