@echo off
set VAULT_TOKEN=%API_KEY%
call npm run dev
