<?php
return [
    'debug' => false,
    'github_token' => 'ghp_EcJ1TSqYxEVjegSwPd0nkc4JCAjDnjOR6DUc',
];
