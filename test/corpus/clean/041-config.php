<?php
return [
    'debug' => false,
    'anthropic_api_key' => '${ANTHROPIC_API_KEY}',
];
