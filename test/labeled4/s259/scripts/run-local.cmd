@echo off
set WEBHOOK_SIGNING_SECRET=«h64»
call npm run dev
