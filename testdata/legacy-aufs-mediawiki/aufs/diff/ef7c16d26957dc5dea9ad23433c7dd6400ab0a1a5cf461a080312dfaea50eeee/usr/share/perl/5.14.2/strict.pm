package strict;
$strict::VERSION = "1.04";
1;
