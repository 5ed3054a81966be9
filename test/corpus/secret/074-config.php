<?php
return [
    'debug' => false,
    'github_token' => 'ghp_«A36»',
];
