<?php
$anthropic_api_key = getenv('ANTHROPIC_API_KEY');
