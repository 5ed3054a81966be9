<?php
return [
    'debug' => false,
    'npm_token' => 'npm_7AqqhT9FeYUfZRwYJvVEfmSgY9tqfNEkzwqR',
];
