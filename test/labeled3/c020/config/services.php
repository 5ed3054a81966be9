<?php

return [
    'acme' => [
        'acme_token' => env('ACME_TOKEN', 'your-token-here'),
        'region' => 'eu',
    ],
];
