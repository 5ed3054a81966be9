<?php

return [

    /*
    | Which guard signs people in, and which broker resets their passwords,
    | when the code names neither.
    */

    'defaults' => [
        'guard' => env('AUTH_DEFAULT_GUARD', 'members-web'),
        'passwords' => env('AUTH_PASSWORD_BROKER', 'members'),
    ],

    'guards' => [
        'web' => [
            'driver' => 'session', // cookie-backed
            'provider' => 'members',
        ],
        'api' => [
            'driver' => 'token',
            'provider' => 'members',
            'hash' => true,
        ],
    ],

    'providers' => [
        'members' => [
            'driver' => 'eloquent', // the Member model
            'model' => env('AUTH_MODEL', App\Models\Member::class),
        ],
    ],

    /*
    | Password resets: the table that keeps reset tokens, how many minutes a
    | token stays valid, and how many seconds a member must wait before asking
    | for another one (so nobody floods an inbox with reset links).
    */

    'passwords' => [
        'members' => [
            'provider' => 'members',
            'table' => env('AUTH_PASSWORD_RESET_TOKEN_TABLE', 'member_password_resets'),
            'expire' => 30,
            'throttle' => 90,
        ],
    ],

    /*
    | How many seconds a password confirmation lasts before the member is
    | asked to type the password again.
    */

    'password_timeout' => env('AUTH_PASSWORD_TIMEOUT', 7200),

];
