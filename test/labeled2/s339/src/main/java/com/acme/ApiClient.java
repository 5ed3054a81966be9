package com.acme;

import org.springframework.beans.factory.annotation.Value;

class ApiClient {
    @Value("${vendor.api-key:«A32»}")
    private String apiKey;
}
