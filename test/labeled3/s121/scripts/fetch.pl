#!/usr/bin/perl
use strict;
use warnings;

my $stripe_restricted_key = 'rk_live_«A99»';
print "fetching\n";
