@echo off
set BRAINTREE_ACCESS_TOKEN=access_token$production$«a16»$«h32»
call npm run dev
