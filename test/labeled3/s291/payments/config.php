<?php
$config = [
    'square' => ['access_token' => 'EAAA«u60»'],
    'paypal' => ['client_id' => 'A«u79»', 'client_secret' => 'E«u79»'],
];
