@echo off
set ASANA_PAT=2/«d16»/«d16»:«h32»
call npm run dev
