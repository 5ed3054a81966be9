<?php
return [
    'debug' => false,
    'redis_url' => 'redis://default:«a24»@redis-12345.cloud.example.net:6379',
];
