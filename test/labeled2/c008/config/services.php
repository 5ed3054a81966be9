<?php

return [
    'mailer' => [
        'timeout' => 30,
        'aws_secret_access_key' => 'your_secret_here',
    ],
];
