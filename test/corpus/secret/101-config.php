<?php
return [
    'debug' => false,
    'webhook_secret' => '«u40»',
];
