@echo off
set NODE_ENV=production
set SECRET_KEY=[REDACTED]
node dist\server.js
