@echo off
set GITHUB_TOKEN=%GH_TOKEN%
call npm run release
