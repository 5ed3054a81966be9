<?php

return [
    'mailer' => [
        'timeout' => 30,
        'postman_api_key' => 'PMAK-«h24»-«h34»',
    ],
];
