<?php
return [
    'debug' => false,
    'webhook_secret' => 'ucYi9GWqX1EOMEkzjGBIm2UoCdMSazirvr95wamC',
];
