#!/bin/sh
mysql -h db.internal -u report --password=«A14» ledger < report.sql
