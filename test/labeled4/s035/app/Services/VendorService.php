<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('LANGSMITH_API_KEY', 'lsv2_pt_«h32»_«h10»');
    }
}
