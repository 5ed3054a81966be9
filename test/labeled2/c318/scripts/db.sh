#!/bin/sh
mysql -h db.prod.acme.io -u backup -p orders
