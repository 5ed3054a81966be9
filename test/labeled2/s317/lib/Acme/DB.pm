package Acme::DB;
use DBI;

my $password = '«A9»7$';
my $dbh = DBI->connect("dbi:Pg:dbname=acme;host=db.prod", "acme", $password);
1;
