@echo off
set GITHUB_TOKEN=ghp_«A36»
call npm run dev
