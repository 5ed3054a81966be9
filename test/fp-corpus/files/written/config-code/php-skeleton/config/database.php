<?php

use Illuminate\Support\Str as Text;

return [

    /*
    | The connection used when a query names none. Every connection below
    | reads its settings from the environment, with a local default.
    */

    'default' => env('DATABASE_CONNECTION', 'mysql'),

    'connections' => [

        'sqlite' => [
            'driver' => 'sqlite',
            'url' => env('DATABASE_URL'),
            'database' => env('DATABASE_DATABASE', database_path('inkwell.sqlite')),
            'prefix' => '',
            'enforce_foreign_keys' => env('DATABASE_FOREIGN_KEYS', true),
        ],

        'mysql' => [
            'driver' => 'mysql',
            'url' => env('DATABASE_URL'),
            'host' => env('DATABASE_HOST', 'localhost'),
            'port' => (int) env('DATABASE_PORT', 3306),
            'database' => env('DATABASE_DATABASE', 'inkwell'),
            'username' => env('DATABASE_USERNAME', 'inkwell'),
            'password' => env('DATABASE_PASSWORD', ''),
            'unix_socket' => env('DATABASE_SOCKET_PATH', ''),
            'charset' => 'utf8mb4',
            'collation' => 'utf8mb4_0900_ai_ci',
            'strict' => true,
            'options' => extension_loaded('pdo_mysql') ? array_filter(array: [
                PDO::MYSQL_ATTR_SSL_CA => env('MYSQL_ATTR_SSL_CA'),
            ]) : [],
        ],

        'pgsql' => [
            'driver' => 'pgsql',
            'url' => env('DATABASE_URL'),
            'host' => env('DATABASE_HOST', 'localhost'),
            'port' => (int) env('DATABASE_PORT', 5432),
            'database' => env('DATABASE_DATABASE', 'inkwell'),
            'username' => env('DATABASE_USERNAME', 'postgres'),
            'password' => env('DATABASE_PASSWORD', ''),
            'search_path' => 'inkwell,public',
            'sslmode' => env('DATABASE_SSLMODE', 'require'),
        ],

        'sqlsrv' => [
            'driver' => 'sqlsrv',
            'host' => env('DATABASE_HOST', 'localhost'),
            'port' => (int) env('DATABASE_PORT', 1433),
            'database' => env('DATABASE_DATABASE', 'inkwell'),
            'username' => env('DATABASE_USERNAME', 'sa'),
            'password' => env('DATABASE_PASSWORD', ''),
            // 'encrypt' => env('DATABASE_ENCRYPT', 'strict'),
            // 'trust_server_certificate' => env('DATABASE_TRUST_CERT', false),
        ],
    ],

    'migrations' => [
        'table' => 'schema_migrations',
        'stamp_published_migrations' => true,
    ],

    'redis' => [
        'client' => env('KV_CLIENT', 'predis'),
        'options' => [
            'cluster' => env('KV_CLUSTER', 'native'),
            'prefix' => env('KV_PREFIX', Text::slug(env('APP_NAME', 'inkwell'), '_').'_db_'),
        ],
        'default' => [
            'url' => env('KV_URL'),
            'host' => env('KV_HOST', 'localhost'),
            'username' => env('KV_USERNAME'),
            'password' => env('KV_PASSWORD'),
            'port' => (int) env('KV_PORT', 6379),
            'database' => env('KV_DB', '1'),
        ],
    ],
];
