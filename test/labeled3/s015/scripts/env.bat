@echo off
set NODE_ENV=production
set GEMINI_API_KEY=AIza«u35»
node dist\server.js
