<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('SHOPIFY_ADMIN_TOKEN', '********');
    }
}
