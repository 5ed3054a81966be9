<?php

return [
    'mailer' => [
        'timeout' => 30,
        'gh_token' => 'github_pat_«A22»_«A59»',
    ],
];
