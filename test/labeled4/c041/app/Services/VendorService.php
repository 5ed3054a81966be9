<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('MAILGUN_API_KEY', 'CHANGE_ME_IN_PRODUCTION');
    }
}
