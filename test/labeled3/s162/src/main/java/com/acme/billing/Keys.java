package com.acme.billing;

public final class Keys {
    private Keys() {}

    static final String JIRA_API_TOKEN =
        "ATATT3xFfGF0«u180»=«H8»";
}
