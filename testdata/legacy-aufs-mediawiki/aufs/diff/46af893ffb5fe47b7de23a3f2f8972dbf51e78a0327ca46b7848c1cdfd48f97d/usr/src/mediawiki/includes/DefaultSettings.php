<?php
$wgVersion = '1.24.1';
