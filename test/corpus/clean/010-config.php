<?php
return [
    'debug' => false,
    'stripe_publishable_key' => 'pk_live_dLMl4R7tn2ODBGCSiyrxzd1G',
];
