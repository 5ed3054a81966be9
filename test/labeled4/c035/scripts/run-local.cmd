@echo off
set PULUMI_ACCESS_TOKEN=REPLACE_ME
call npm run dev
