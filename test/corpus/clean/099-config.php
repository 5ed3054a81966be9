<?php
return [
    'debug' => false,
    'commit_sha' => '92f7d06d83188e39a273e774b44a67e703e4c38b',
];
