package com.acme;

import java.net.http.HttpRequest;

class Client {
    HttpRequest build() {
        return HttpRequest.newBuilder()
            .header("Authorization", "Basic «basicauth»")
            .build();
    }
}
