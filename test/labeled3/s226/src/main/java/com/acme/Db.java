package com.acme;

import java.sql.Connection;
import java.sql.DriverManager;

class Db {
    static Connection open() throws Exception {
        return DriverManager.getConnection(
            "Server=tcp:acme-sql.database.windows.net,1433;Database=crm;User ID=crmadmin;Password=«A14»+«A4»=;Encrypt=True;");
    }
}
