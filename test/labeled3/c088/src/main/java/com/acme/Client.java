package com.acme;

class Client {
    @Value("${acme.api.key}")
    private String apiKey;

    @Value("${acme.client-secret:}")
    private String clientSecret;
}
