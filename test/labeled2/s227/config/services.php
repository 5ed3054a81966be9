<?php

return [
    'mailer' => [
        'timeout' => 30,
        'braintree_access_token' => 'access_token$production$«a16»$«h32»',
    ],
];
