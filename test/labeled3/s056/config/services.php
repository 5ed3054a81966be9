<?php

return [
    'acme' => [
        'azure_storage_connection_string' => env('AZURE_STORAGE_CONNECTION_STRING', 'DefaultEndpointsProtocol=https;AccountName=acme«l6»;AccountKey=«b86»==;EndpointSuffix=core.windows.net'),
        'region' => 'eu',
    ],
];
