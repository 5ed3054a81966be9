<?php
return [
    'debug' => false,
    'token_type' => 'Bearer',
];
