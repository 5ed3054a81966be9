<?php

return [
    'reset' => 'Your password has been reset.',
    'token' => 'This password reset token is invalid.',
];
