<?php
$conn = new mysqli("db.prod.acme.io", "shop", "«A12»7$", "shop");
if ($conn->connect_error) { die("db down"); }
