<?php
return [
    'debug' => false,
    'stripe_publishable_key' => 'pk_live_«A24»',
];
