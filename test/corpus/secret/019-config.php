<?php
return [
    'debug' => false,
    'npm_token' => 'npm_«A36»',
];
