<?php
$headers = ['Authorization: key=AAAA«u7»:APA91b«u134»', 'Content-Type: application/json'];
