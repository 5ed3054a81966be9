#!/bin/bash
mysqldump -h db.prod.acme.io -u backup -p'«A12»9#' orders > /backups/orders.sql
