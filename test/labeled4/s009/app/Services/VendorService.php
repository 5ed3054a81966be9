<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('GEMINI_API_KEY', 'AIza«u35»');
    }
}
