@echo off
set LANGSMITH_API_KEY=lsv2_pt_«h32»_«h10»
call npm run dev
