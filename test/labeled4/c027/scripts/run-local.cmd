@echo off
set RUNNER_TOKEN=AKIAXXXXXXXXXXXXXXXX
call npm run dev
