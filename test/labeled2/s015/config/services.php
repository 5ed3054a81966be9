<?php

return [
    'mailer' => [
        'timeout' => 30,
        'groq_api_key' => 'gsk_«A52»',
    ],
];
