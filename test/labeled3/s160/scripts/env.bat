@echo off
set NODE_ENV=production
set NOTION_TOKEN=ntn_«d11»«A35»
node dist\server.js
