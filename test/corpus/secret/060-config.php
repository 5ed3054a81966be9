<?php
return [
    'debug' => false,
    'redis_url' => 'redis://default:re1nsjbnygonm888oo9hdmou@redis-12345.cloud.example.net:6379',
];
