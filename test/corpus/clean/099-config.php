<?php
return [
    'debug' => false,
    'commit_sha' => '«h40»',
];
