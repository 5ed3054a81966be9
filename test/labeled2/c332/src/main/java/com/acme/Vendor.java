package com.acme;

class Vendor {
    @Value("${vendor.api-key}")
    private String apiKey;
}
