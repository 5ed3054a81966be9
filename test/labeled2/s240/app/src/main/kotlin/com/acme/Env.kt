package com.acme

object Env {
    const val BASE_URL = "https://api.acme.io"
    const val MYSQL_URL = "mysql://reporting:«A16»@mysql.prod.acme.io:3306/analytics"
}
