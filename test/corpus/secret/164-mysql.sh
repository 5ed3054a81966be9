#!/bin/sh
mysql -h db.internal -u report --password=rpHyMmQb6VqD7s ledger < report.sql
