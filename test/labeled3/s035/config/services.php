<?php

return [
    'acme' => [
        'xai_api_key' => env('XAI_API_KEY', 'xai-«A80»'),
        'region' => 'eu',
    ],
];
