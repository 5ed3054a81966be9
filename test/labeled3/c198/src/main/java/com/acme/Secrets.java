package com.acme;

class Secrets {
    String password = System.getenv("DB_PASSWORD");
    String token = vault.read("secret/data/api").get("token");
}
