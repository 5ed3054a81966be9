package com.acme;

import java.sql.Connection;
import java.sql.DriverManager;

class Db {
    static Connection open() throws Exception {
        return DriverManager.getConnection(
            "postgresql://app_user:«A20»@db.acme-«l5».internal:5432/orders?sslmode=require");
    }
}
