#!/usr/bin/perl
use strict;
use warnings;

my $dockerhub_token = 'dckr_pat_«u27»';
print "fetching\n";
