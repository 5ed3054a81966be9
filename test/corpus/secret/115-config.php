<?php
return [
    'debug' => false,
    'stripe_restricted_key' => 'rk_live_«A99»',
];
