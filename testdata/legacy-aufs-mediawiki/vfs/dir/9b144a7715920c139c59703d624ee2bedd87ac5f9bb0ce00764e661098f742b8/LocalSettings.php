<?php
$wgSitename = "LINC wiki";
$wgDBserver = "mysql";
$wgDBname = "my_wiki";
$wgDBuser = "root";
