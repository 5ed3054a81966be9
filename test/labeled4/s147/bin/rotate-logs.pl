#!/usr/bin/perl
use strict;
use warnings;

my %cfg = (
    endpoint => 'https://api.acme.dev',
    notion_token  => q{ntn_«d11»«A35»},
);

print "rotating\n";
