<?php
# stand-in for MediaWiki 1.24.1 index.php
require __DIR__ . '/includes/WebStart.php';
