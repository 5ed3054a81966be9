<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('SQUARE_ACCESS_TOKEN', 'SG.xxxx...xxxx');
    }
}
