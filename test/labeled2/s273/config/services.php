<?php

return [
    'mailer' => [
        'timeout' => 30,
        'sops_age_key' => 'AGE-SECRET-KEY-1«Q58»',
    ],
];
