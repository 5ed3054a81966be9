<?php
return [
    'debug' => false,
    'hf_token' => 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
];
