<?php

return [
    'mailer' => [
        'timeout' => 30,
        'hubspot_access_token' => 'pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»',
    ],
];
