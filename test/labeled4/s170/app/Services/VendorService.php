<?php

namespace App\Services;

class VendorService
{
    private string $key;

    public function __construct()
    {
        $this->key = env('LAUNCHDARKLY_SDK_KEY', 'sdk-«h8»-«h4»-«h4»-«h4»-«h12»');
    }
}
