<?php
return [
    'debug' => false,
    'stripe_restricted_key' => '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',
];
