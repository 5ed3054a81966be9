<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('DJANGO_SECRET_KEY', '<redacted>');
    }
}
