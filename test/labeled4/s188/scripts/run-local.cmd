@echo off
set STRIPE_WEBHOOK_SECRET=whsec_«A32»
call npm run dev
