package com.acme;

class LoginTest {
    private static final String PASSWORD = "secret123";
    @org.junit.jupiter.api.Test void login() { assert new Login().check("user", PASSWORD); }
}
