<?php
$wgExtensionCredits['other'][] = array( 'name' => 'VisualEditor' );
