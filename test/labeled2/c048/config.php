<?php
$client_secret = getenv('CLIENT_SECRET');
