package com.acme.app;

public final class AppConfig {
    public static final String DISCORD_TOKEN = "NTM1NjQ5NTcyNTgzOTAzOTY0.Ru9Xrz.3tpPwsTO9hYnjXp8agPo5vHB3JLWhMU5mnsPSV";
    public static final int RETRIES = 3;
}
