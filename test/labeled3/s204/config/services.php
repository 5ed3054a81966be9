<?php

return [
    'acme' => [
        'telegram_bot_token' => env('TELEGRAM_BOT_TOKEN', '«d10»:AA«u33»'),
        'region' => 'eu',
    ],
];
