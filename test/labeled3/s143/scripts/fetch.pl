#!/usr/bin/perl
use strict;
use warnings;

my $mailchimp_api_key = '«h32»-us21';
print "fetching\n";
