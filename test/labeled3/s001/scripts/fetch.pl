#!/usr/bin/perl
use strict;
use warnings;

my $openai_api_key = 'sk-proj-«u74»T3BlbkFJ«u74»';
print "fetching\n";
