<?php
$apiKey = getenv('API_KEY');
$password = $_ENV['DB_PASSWORD'] ?? '';
