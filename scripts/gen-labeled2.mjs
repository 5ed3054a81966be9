// Generates a second labeled corpus for the secret scanner (test/labeled2/),
// written blind: before any rule in src/scan, any rule example or any other
// corpus's cases was read, in the shape of issue #15's hidden corpus: about
// 600 whole files, half holding exactly one secret (labeled with its kind and
// line), half hard look-alikes, across about 60 kinds of secret and many file
// types. Formats follow the vendors' public documentation.
//
// Files are committed as templates (test/helpers/fake-secrets.mjs): `ghp_«A36»`
// is expanded at test time, seeded by the file's path, so no token-shaped
// string is in the repository. Each file's half (development or evaluation)
// is fixed by a seeded hash of its id, before any scoring.
//
//   node scripts/gen-labeled2.mjs            write test/labeled2/
//   node scripts/gen-labeled2.mjs --check    exit 1 if test/labeled2/ is out of date
//   node scripts/gen-labeled2.mjs --expand DIR   write the expanded corpus to DIR
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake, prng } from "../test/helpers/fake-secrets.mjs";
import { camel, dotted, kebab, pascal, runCorpusCommand, snake, staleCorpusFiles } from "./generated-corpus.mjs";

export const LABELED2_DIR = join(dirname(fileURLToPath(import.meta.url)), "../test/labeled2");

/** The text a corpus file stands for: its template with every fake secret expanded. */
export function expandLabeled2File(path, template) {
  return expandFake(template, `labeled2:${path}`);
}

/** The half a file belongs to, from a seeded hash of its id alone. */
export function halfOf(id) {
  return prng(`labeled2-split-v1:${id}`)() < 0.5 ? "dev" : "eval";
}

// ---------------------------------------------------------------------------
// Names in the forms each language writes them.

const jsonEsc = (v) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

// ---------------------------------------------------------------------------
// Secrets: kind, the name a project keeps it under, the value's template
// (from the vendor's documented format), and the family of shapes it fits.
// cat: "token" (any assignment), "url" (a URL or connection string), "bearer" /
// "basic" (an Authorization header), "pem" (a multi-line key), "pair" (AWS),
// and a few whole-file kinds.

const SECRETS = [
  // LLM providers
  { kind: "openai-project-key", name: "OPENAI_API_KEY", value: "sk-proj-«u74»T3BlbkFJ«u74»", cat: "token" },
  { kind: "openai-service-account-key", name: "OPENAI_API_KEY", value: "sk-svcacct-«u74»T3BlbkFJ«u74»", cat: "token" },
  { kind: "anthropic-api-key", name: "ANTHROPIC_API_KEY", value: "sk-ant-api03-«u93»AA", cat: "token" },
  { kind: "anthropic-admin-key", name: "ANTHROPIC_ADMIN_KEY", value: "sk-ant-admin01-«u93»AA", cat: "token" },
  { kind: "groq-api-key", name: "GROQ_API_KEY", value: "gsk_«A52»", cat: "token" },
  { kind: "google-api-key", name: "GEMINI_API_KEY", value: "AIza«u35»", cat: "token" },
  { kind: "huggingface-token", name: "HF_TOKEN", value: "hf_«L34»", cat: "token" },
  { kind: "replicate-token", name: "REPLICATE_API_TOKEN", value: "r8_«A37»", cat: "token" },
  { kind: "perplexity-api-key", name: "PERPLEXITY_API_KEY", value: "pplx-«A48»", cat: "token" },
  { kind: "xai-api-key", name: "XAI_API_KEY", value: "xai-«A80»", cat: "token" },
  { kind: "openrouter-api-key", name: "OPENROUTER_API_KEY", value: "sk-or-v1-«h64»", cat: "token" },
  { kind: "deepseek-api-key", name: "DEEPSEEK_API_KEY", value: "sk-«h32»", cat: "token" },
  { kind: "mistral-api-key", name: "MISTRAL_API_KEY", value: "«A32»", cat: "token" },
  { kind: "cohere-api-key", name: "COHERE_API_KEY", value: "«A40»", cat: "token" },
  { kind: "langsmith-api-key", name: "LANGSMITH_API_KEY", value: "lsv2_pt_«h32»_«h10»", cat: "token" },
  { kind: "pinecone-api-key", name: "PINECONE_API_KEY", value: "pcsk_«A6»_«A63»", cat: "token" },
  { kind: "elevenlabs-api-key", name: "ELEVENLABS_API_KEY", value: "sk_«h48»", cat: "token" },
  // Clouds
  { kind: "aws-access-key", name: "AWS_SECRET_ACCESS_KEY", value: "«b40»", id: "AKIA«U16»", cat: "pair" },
  { kind: "gcp-service-account-key", name: "private_key", value: "«pemjson»", cat: "gcp" },
  { kind: "azure-storage-connection-string", name: "AZURE_STORAGE_CONNECTION_STRING", value: "DefaultEndpointsProtocol=https;AccountName=acmeprod«d3»;AccountKey=«b86»==;EndpointSuffix=core.windows.net", cat: "url" },
  { kind: "azure-ad-client-secret", name: "AZURE_CLIENT_SECRET", value: "«A3»8Q~«A34»", cat: "token" },
  { kind: "azure-openai-key", name: "AZURE_OPENAI_API_KEY", value: "«h32»", cat: "token" },
  { kind: "digitalocean-token", name: "DIGITALOCEAN_TOKEN", value: "dop_v1_«h64»", cat: "token" },
  { kind: "cloudflare-api-token", name: "CLOUDFLARE_API_TOKEN", value: "«u40»", cat: "token" },
  { kind: "heroku-api-key", name: "HEROKU_API_KEY", value: "«h8»-«h4»-«h4»-«h4»-«h12»", cat: "token" },
  { kind: "vercel-token", name: "VERCEL_TOKEN", value: "«A24»", cat: "token" },
  { kind: "netlify-token", name: "NETLIFY_AUTH_TOKEN", value: "nfp_«A36»", cat: "token" },
  // CI/CD and registries
  { kind: "github-pat", name: "GITHUB_TOKEN", value: "ghp_«A36»", cat: "token" },
  { kind: "github-fine-grained-pat", name: "GH_TOKEN", value: "github_pat_«A22»_«A59»", cat: "token" },
  { kind: "github-oauth-token", name: "GITHUB_OAUTH_TOKEN", value: "gho_«A36»", cat: "token" },
  { kind: "gitlab-pat", name: "GITLAB_TOKEN", value: "glpat-«u20»", cat: "token" },
  { kind: "gitlab-runner-token", name: "RUNNER_TOKEN", value: "glrt-«u20»", cat: "token" },
  { kind: "circleci-token", name: "CIRCLECI_TOKEN", value: "CCIPAT_«A22»_«h40»", cat: "token" },
  { kind: "npm-token", name: "NPM_TOKEN", value: "npm_«A36»", cat: "token" },
  { kind: "pypi-token", name: "PYPI_API_TOKEN", value: "pypi-AgEIcHlwaS5vcmc«u140»", cat: "token" },
  { kind: "docker-hub-pat", name: "DOCKERHUB_TOKEN", value: "dckr_pat_«u27»", cat: "token" },
  { kind: "terraform-cloud-token", name: "TFE_TOKEN", value: "«A14».atlasv1.«A67»", cat: "token" },
  { kind: "vault-token", name: "VAULT_TOKEN", value: "hvs.«A90»", cat: "token" },
  // SaaS APIs and messaging
  { kind: "slack-bot-token", name: "SLACK_BOT_TOKEN", value: "xoxb-«d12»-«d13»-«A24»", cat: "token" },
  { kind: "slack-user-token", name: "SLACK_USER_TOKEN", value: "xoxp-«d12»-«d12»-«d13»-«h32»", cat: "token" },
  { kind: "slack-webhook", name: "SLACK_WEBHOOK_URL", value: "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»", cat: "url" },
  { kind: "discord-bot-token", name: "DISCORD_BOT_TOKEN", value: "«discord»", cat: "token" },
  { kind: "discord-webhook", name: "DISCORD_WEBHOOK_URL", value: "https://discord.com/api/webhooks/«d19»/«u68»", cat: "url" },
  { kind: "telegram-bot-token", name: "TELEGRAM_BOT_TOKEN", value: "«d10»:AA«u33»", cat: "token" },
  { kind: "twilio-auth-token", name: "TWILIO_AUTH_TOKEN", value: "«h32»", cat: "token" },
  { kind: "sendgrid-api-key", name: "SENDGRID_API_KEY", value: "SG.«u22».«u43»", cat: "token" },
  { kind: "mailgun-api-key", name: "MAILGUN_API_KEY", value: "«h32»-«h8»-«h8»", cat: "token" },
  { kind: "mailchimp-api-key", name: "MAILCHIMP_API_KEY", value: "«h32»-us21", cat: "token" },
  { kind: "shopify-access-token", name: "SHOPIFY_ACCESS_TOKEN", value: "shpat_«h32»", cat: "token" },
  { kind: "atlassian-api-token", name: "JIRA_API_TOKEN", value: "ATATT3xFfGF0«u180»=«H8»", cat: "token" },
  { kind: "linear-api-key", name: "LINEAR_API_KEY", value: "lin_api_«A40»", cat: "token" },
  { kind: "notion-token", name: "NOTION_TOKEN", value: "ntn_«d11»«A35»", cat: "token" },
  { kind: "postman-api-key", name: "POSTMAN_API_KEY", value: "PMAK-«h24»-«h34»", cat: "token" },
  { kind: "datadog-api-key", name: "DD_API_KEY", value: "«h32»", cat: "token" },
  { kind: "sentry-auth-token", name: "SENTRY_AUTH_TOKEN", value: "sntryu_«h64»", cat: "token" },
  { kind: "newrelic-api-key", name: "NEW_RELIC_API_KEY", value: "NRAK-«U27»", cat: "token" },
  { kind: "grafana-service-account-token", name: "GRAFANA_TOKEN", value: "glsa_«A32»_«h8»", cat: "token" },
  { kind: "airtable-pat", name: "AIRTABLE_API_KEY", value: "pat«A14».«h64»", cat: "token" },
  { kind: "hubspot-private-app-token", name: "HUBSPOT_ACCESS_TOKEN", value: "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»", cat: "token" },
  // Payment
  { kind: "stripe-secret-key", name: "STRIPE_SECRET_KEY", value: "sk_live_«A99»", cat: "token" },
  { kind: "stripe-restricted-key", name: "STRIPE_API_KEY", value: "rk_live_«A99»", cat: "token" },
  { kind: "stripe-webhook-secret", name: "STRIPE_WEBHOOK_SECRET", value: "whsec_«A32»", cat: "token" },
  { kind: "braintree-access-token", name: "BRAINTREE_ACCESS_TOKEN", value: "access_token$production$«a16»$«h32»", cat: "token" },
  { kind: "square-access-token", name: "SQUARE_ACCESS_TOKEN", value: "EAAA«u60»", cat: "token" },
  // Databases and connection strings
  { kind: "postgres-url", name: "DATABASE_URL", value: "postgresql://app_rw:«A22»@db-prod-1.internal.acme.io:5432/orders", cat: "url" },
  { kind: "mongodb-url", name: "MONGODB_URI", value: "mongodb+srv://svc_api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority", cat: "url" },
  { kind: "mysql-url", name: "MYSQL_URL", value: "mysql://reporting:«A16»@mysql.prod.acme.io:3306/analytics", cat: "url" },
  { kind: "redis-url", name: "REDIS_URL", value: "rediss://default:«A32»@redis-«d5».c12.us-east-1-2.ec2.cloud.redislabs.com:«d5»", cat: "url" },
  { kind: "amqp-url", name: "RABBITMQ_URL", value: "amqps://worker:«A20»@rabbit.prod.acme.io:5671/jobs", cat: "url" },
  { kind: "mssql-connection-string", name: "ConnectionStrings__Default", value: "Server=tcp:acme-sql.database.windows.net,1433;Database=shop;User ID=shopadmin;Password=«A14»9!;Encrypt=True;", cat: "url" },
  // Keys, tokens and passwords
  { kind: "rsa-private-key", name: "PRIVATE_KEY", value: "«pem:RSA PRIVATE KEY»", cat: "pem" },
  { kind: "openssh-private-key", name: "SSH_PRIVATE_KEY", value: "«sshkey»", cat: "pem" },
  { kind: "ec-private-key", name: "EC_PRIVATE_KEY", value: "«pem:EC PRIVATE KEY»", cat: "pem" },
  { kind: "pkcs8-private-key", name: "SIGNING_KEY", value: "«pem:PRIVATE KEY»", cat: "pem" },
  { kind: "pgp-private-key", name: "GPG_PRIVATE_KEY", value: "«pem:PGP PRIVATE KEY BLOCK»", cat: "pem" },
  { kind: "age-secret-key", name: "SOPS_AGE_KEY", value: "AGE-SECRET-KEY-1«Q58»", cat: "token" },
  { kind: "jwt", name: "SUPABASE_SERVICE_ROLE_KEY", value: "«jwt»", cat: "token" },
  { kind: "basic-auth-url", name: "PIP_EXTRA_INDEX_URL", value: "https://ci-bot:«A20»@pypi.internal.acme.io/simple/", cat: "url" },
  { kind: "basic-auth-header", name: "Authorization", value: "«basicauth»", cat: "basic" },
  { kind: "bearer-token-header", name: "Authorization", value: "«A48»", cat: "bearer" },
  { kind: "password", name: "DB_PASSWORD", value: "«L6»«d3»!«A5»", cat: "token" },
  { kind: "password", name: "SMTP_PASSWORD", value: "«C1»«l7»#«d4»", cat: "token" },
  { kind: "generic-secret", name: "SECRET_KEY", value: "«A40»", cat: "token" },
  { kind: "generic-secret", name: "JWT_SECRET", value: "«b44»", cat: "token" },
  { kind: "kubernetes-secret", name: "password", value: "«kubepw»", cat: "kube" },
  { kind: "docker-registry-auth", name: "auth", value: "«basicauth»", cat: "dockercfg" },
];

// ---------------------------------------------------------------------------
// Assignment shapes: (name, value) -> [file, content]. Each writes the value
// once, amid the ordinary lines such a file holds. `local` marks files whose
// every real value counts by policy (.env.local), used for look-alikes only
// when the look-alike is a placeholder or reference.

const A = [];
const shape = (fn, opts = {}) => A.push(Object.assign(fn, opts));

shape((n, v) => ["app/settings.py", `"""Django settings for the orders service."""\nfrom pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\nDEBUG = False\nALLOWED_HOSTS = ["orders.acme.io"]\n\n${n} = "${v}"\n\nLANGUAGE_CODE = "en-us"\nTIME_ZONE = "UTC"\n`]);
shape((n, v) => ["src/llm_client.py", `import logging\n\nimport httpx\n\nlog = logging.getLogger(__name__)\n\n\nclass Settings:\n    timeout = 30\n    ${snake(n)} = '${v}'\n    retries = 3\n\n\ndef make_client(settings: Settings) -> httpx.Client:\n    return httpx.Client(timeout=settings.timeout)\n`]);
shape((n, v) => ["config/default.js", `'use strict';\n\nmodule.exports = {\n  port: Number(process.env.PORT || 8080),\n  logLevel: 'info',\n  ${camel(n)}: '${v}',\n  features: { search: true },\n};\n`]);
shape((n, v) => ["src/config.ts", `import { z } from "zod";\n\nexport const region = "us-east-1";\nexport const ${camel(n)} = "${v}";\n\nexport const Config = z.object({ region: z.string() });\n`]);
shape((n, v) => ["internal/config/config.go", `package config\n\nimport "time"\n\nconst (\n\tDefaultTimeout = 30 * time.Second\n\t${pascal(n)}    = "${v}"\n)\n\ntype Config struct {\n\tAddr string\n}\n`]);
shape((n, v) => ["src/main/java/com/acme/AppConfig.java", `package com.acme;\n\npublic final class AppConfig {\n    public static final int PORT = 8080;\n    public static final String ${n} = "${v}";\n\n    private AppConfig() {}\n}\n`]);
shape((n, v) => ["app/src/main/kotlin/com/acme/Env.kt", `package com.acme\n\nobject Env {\n    const val BASE_URL = "https://api.acme.io"\n    const val ${n} = "${v}"\n}\n`]);
shape((n, v) => ["appsettings.json", `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "AllowedHosts": "*",\n  "Integrations": {\n    "${pascal(n)}": "${jsonEsc(v)}"\n  }\n}\n`]);
shape((n, v) => ["Services/Startup.cs", `using Microsoft.Extensions.DependencyInjection;\n\nnamespace Acme.Services\n{\n    public static class Startup\n    {\n        private const string ${pascal(n)} = "${v}";\n\n        public static void Configure(IServiceCollection services)\n        {\n            services.AddHttpClient();\n        }\n    }\n}\n`]);
shape((n, v) => ["config/initializers/vendor.rb", `# frozen_string_literal: true\n\nRails.application.configure do\n  config.x.vendor.timeout = 10\n  config.x.vendor.${snake(n)} = "${v}"\nend\n`]);
shape((n, v) => ["config/services.php", `<?php\n\nreturn [\n    'mailer' => [\n        'timeout' => 30,\n        '${snake(n)}' => '${v}',\n    ],\n];\n`]);
shape((n, v) => ["src/config.rs", `use std::time::Duration;\n\npub const TIMEOUT: Duration = Duration::from_secs(30);\npub const ${n}: &str = "${v}";\n\npub fn base_url() -> &'static str {\n    "https://api.acme.io"\n}\n`]);
shape((n, v) => ["Sources/App/Secrets.swift", `import Foundation\n\nenum Secrets {\n    static let baseURL = URL(string: "https://api.acme.io")!\n    static let ${camel(n)} = "${v}"\n}\n`]);
shape((n, v) => ["scripts/deploy.sh", `#!/usr/bin/env bash\nset -euo pipefail\n\nexport AWS_REGION=us-east-1\nexport ${n}="${v}"\n\n./bin/migrate\n./bin/release --env production\n`]);
shape((n, v) => [".env", `# Shared defaults\nNODE_ENV=production\nPORT=3000\nLOG_LEVEL=info\n${n}=${v}\nFEATURE_FLAGS=search,billing\n`], { dotenv: true });
shape((n, v) => [".env.local", `# local overrides, do not commit\n${n}=${v}\n`], { local: true, dotenv: true });
shape((n, v) => [".env.production", `APP_URL=https://app.acme.io\n${n}="${v}"\nSENTRY_ENVIRONMENT=production\n`], { dotenv: true });
shape((n, v) => ["docker-compose.yml", `services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    ports:\n      - "8080:8080"\n    environment:\n      - NODE_ENV=production\n      - ${n}=${v}\n  cache:\n    image: redis:7\n`]);
shape((n, v) => ["k8s/deployment.yaml", `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.4.2\n          env:\n            - name: ${n}\n              value: "${v}"\n`]);
shape((n, v) => [".github/workflows/deploy.yml", `name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      ${n}: ${v}\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run deploy\n`]);
shape((n, v) => [".gitlab-ci.yml", `stages: [test, deploy]\n\nvariables:\n  DOCKER_DRIVER: overlay2\n  ${n}: "${v}"\n\ndeploy:\n  stage: deploy\n  script:\n    - ./deploy.sh\n`]);
shape((n, v) => ["charts/api/values.yaml", `replicaCount: 2\nimage:\n  repository: ghcr.io/acme/api\n  tag: "1.4.2"\nconfig:\n  logLevel: info\n  ${camel(n)}: "${v}"\n`]);
shape((n, v) => ["config.toml", `[server]\nhost = "0.0.0.0"\nport = 8080\n\n[integrations]\n${snake(n)} = "${v}"\n`]);
shape((n, v) => ["src/main/resources/application.properties", `server.port=8080\nspring.application.name=orders\n${dotted(n)}=${v}\nlogging.level.root=INFO\n`]);
shape((n, v) => ["config.ini", `[DEFAULT]\nlog_level = info\n\n[service]\nendpoint = https://api.acme.io\n${snake(n)} = ${v}\n`]);
shape((n, v) => ["Web.config", `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="Environment" value="Production" />\n    <add key="${pascal(n)}" value="${v.replace(/&/g, "&amp;")}" />\n  </appSettings>\n</configuration>\n`]);
shape((n, v) => ["infra/main.tf", `terraform {\n  required_version = ">= 1.5"\n}\n\nlocals {\n  environment = "prod"\n  ${snake(n)} = "${v}"\n}\n\nresource "aws_ssm_parameter" "app" {\n  name  = "/app/prod/config"\n  type  = "String"\n  value = local.environment\n}\n`]);
shape((n, v) => ["infra/prod.tfvars", `region      = "eu-west-1"\ninstance_type = "t3.small"\n${snake(n)} = "${v}"\n`]);
shape((n, v) => ["Dockerfile", `FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nENV NODE_ENV=production\nENV ${n}=${v}\nCMD ["node", "server.js"]\n`]);
shape((n, v) => ["Makefile", `.PHONY: build deploy\n\nIMAGE := ghcr.io/acme/api\n${n} := ${v}\n\nbuild:\n\tdocker build -t $(IMAGE) .\n\ndeploy: build\n\t./deploy.sh\n`]);
shape((n, v) => ["notebooks/explore.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import os\\n",\n    "os.environ[\\"${n}\\"] = \\"${jsonEsc(jsonEsc(v))}\\"\\n",\n    "import pandas as pd"\n   ]\n  }\n ],\n "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`]);
shape((n, v) => ["docs/SETUP.md", `# Local setup\n\n1. Install Node 20.\n2. Set the credentials:\n\n\`\`\`sh\nexport ${n}=${v}\n\`\`\`\n\n3. Run \`npm run dev\`.\n`]);
shape((n, v) => ["logs/app.log", `2026-11-30T10:01:02.114Z INFO  server listening on :8080\n2026-11-30T10:01:02.120Z DEBUG loaded config ${n}=${v}\n2026-11-30T10:01:03.500Z INFO  GET /healthz 200 1ms\n`]);
shape((n, v) => [".bash_history", `cd ~/src/api\ngit pull\nexport ${n}=${v}\nnpm run dev\nkubectl get pods -n prod\n`]);
shape((n, v) => ["ansible/group_vars/all.yml", `---\napp_user: deploy\napp_port: 8080\n${snake(n)}: "${v}"\n`]);
shape((n, v) => ["Jenkinsfile", `pipeline {\n  agent any\n  environment {\n    REGISTRY = 'ghcr.io/acme'\n    ${n} = '${v}'\n  }\n  stages {\n    stage('Build') { steps { sh 'make build' } }\n  }\n}\n`]);
shape((n, v) => ["serverless.yml", `service: orders\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    STAGE: prod\n    ${n}: ${v}\nfunctions:\n  api:\n    handler: handler.main\n`]);
shape((n, v) => ["src/main/resources/application.yml", `server:\n  port: 8080\nspring:\n  application:\n    name: orders\nvendor:\n  ${kebab(n)}: ${v}\n`]);
shape((n, v) => ["agent/config.yaml", `model: claude-sonnet\ntemperature: 0.2\ntools:\n  - web_search\n  - code_exec\ncredentials:\n  ${snake(n)}: ${v}\n`]);
shape((n, v) => ["scripts/seed.py", `import os\nimport sys\n\nCONFIG = {\n    "region": "us-east-1",\n    "${snake(n)}": "${v}",\n}\n\nif __name__ == "__main__":\n    sys.exit(0)\n`]);
shape((n, v) => ["mcp.json", `{\n  "mcpServers": {\n    "tools": {\n      "command": "npx",\n      "args": ["-y", "@acme/mcp-server"],\n      "env": {\n        "${n}": "${jsonEsc(v)}"\n      }\n    }\n  }\n}\n`]);
shape((n, v) => ["lib/client.dart", `import 'package:http/http.dart' as http;\n\nconst String baseUrl = 'https://api.acme.io';\nconst String ${camel(n)} = '${v}';\n\nFuture<http.Response> ping() => http.get(Uri.parse(baseUrl));\n`]);
shape((n, v) => ["src/App.scala", `object App {\n  val port: Int = 8080\n  val ${camel(n)}: String = "${v}"\n  def main(args: Array[String]): Unit = println("up")\n}\n`]);

// Shapes for URL-valued secrets (connection strings, webhooks) beyond the assignments.
const URL_SHAPES = [
  (n, v) => ["config/database.yml", `default: &default\n  adapter: postgresql\n  pool: 5\n\nproduction:\n  <<: *default\n  url: ${v}\n`],
  (n, v) => ["src/db.py", `from sqlalchemy import create_engine\n\nengine = create_engine("${v}", pool_pre_ping=True)\n`],
  (n, v) => ["src/notify.js", `const axios = require('axios');\n\nasync function notify(text) {\n  await axios.post('${v}', { text });\n}\n\nmodule.exports = { notify };\n`],
  (n, v) => [".bash_history", `ls\npsql "${v}" -c 'select 1'\nexit\n`],
];
const BEARER_SHAPES = [
  (v) => ["docs/api.md", `# Calling the API\n\n\`\`\`sh\ncurl https://api.acme.io/v1/orders \\\n  -H "Accept: application/json" \\\n  -H "Authorization: Bearer ${v}"\n\`\`\`\n`],
  (v) => ["requests/orders.http", `### List orders\nGET https://api.acme.io/v1/orders\nAccept: application/json\nAuthorization: Bearer ${v}\n`],
  (v) => ["scripts/sync.py", `import requests\n\nHEADERS = {"Authorization": "Bearer ${v}", "Accept": "application/json"}\n\nresp = requests.get("https://api.acme.io/v1/orders", headers=HEADERS, timeout=10)\n`],
  (v) => ["logs/proxy.log", `10.0.3.7 - - [30/Nov/2026:10:01:02 +0000] "GET /v1/orders HTTP/1.1" 200 512\nrequest headers: {"host": "api.acme.io", "authorization": "Bearer ${v}", "accept": "*/*"}\n`],
  (v) => ["src/api.ts", `export async function listOrders() {\n  const res = await fetch("https://api.acme.io/v1/orders", {\n    headers: { Authorization: "Bearer ${v}" },\n  });\n  return res.json();\n}\n`],
];
const BASIC_SHAPES = [
  (v) => ["docs/webhooks.md", `Test the endpoint:\n\n\`\`\`\ncurl -X POST https://hooks.acme.io/ingest \\\n  -H 'Authorization: Basic ${v}' \\\n  -d @event.json\n\`\`\`\n`],
  (v) => ["nginx/upstream.conf", `location /internal/ {\n    proxy_pass http://backend:8080/;\n    proxy_set_header Authorization "Basic ${v}";\n}\n`],
  (v) => ["src/main/java/com/acme/Client.java", `package com.acme;\n\nimport java.net.http.HttpRequest;\n\nclass Client {\n    HttpRequest build() {\n        return HttpRequest.newBuilder()\n            .header("Authorization", "Basic ${v}")\n            .build();\n    }\n}\n`],
  (v) => [".bash_history", `curl -s https://registry.acme.io/v2/_catalog -H "Authorization: Basic ${v}"\nhistory | tail\n`],
];
const PEM_SHAPES = [
  (n, v) => ["deploy/id_rsa", `${v}\n`],
  (n, v) => ["certs/server.key", `${v}\n`],
  (n, v) => ["src/signing.py", `import jwt\n\n${n} = """${v}"""\n\n\ndef sign(claims):\n    return jwt.encode(claims, ${n}, algorithm="RS256")\n`],
  (n, v) => ["infra/keys.tf", `resource "tls_locally_signed_cert" "x" {\n  ca_private_key_pem = <<EOT\n${v}\nEOT\n}\n`],
  (n, v) => ["README.md", `## Deploy key\n\nAdd this to the runner:\n\n\`\`\`\n${v}\n\`\`\`\n`],
];
const PAIR_SHAPES = [
  (id, v) => [".aws/credentials", `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${v}\nregion = us-east-1\n`],
  (id, v) => ["src/storage.py", `import boto3\n\ns3 = boto3.client(\n    "s3",\n    aws_access_key_id="${id}",\n    aws_secret_access_key="${v}",\n)\n`],
  (id, v) => [".env", `AWS_REGION=us-east-1\nAWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${v}\n`],
  (id, v) => ["infra/provider.tf", `provider "aws" {\n  region     = "us-east-1"\n  access_key = "${id}"\n  secret_key = "${v}"\n}\n`],
  (id, v) => [".github/workflows/s3.yml", `name: sync\non: push\njobs:\n  sync:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: ${id}\n      AWS_SECRET_ACCESS_KEY: ${v}\n    steps:\n      - run: aws s3 sync ./public s3://acme-site\n`],
];
const GCP_SHAPES = [
  (v) => ["gcp/service-account.json", `{\n  "type": "service_account",\n  "project_id": "acme-prod-«d6»",\n  "private_key_id": "«h40»",\n  "private_key": "${v}",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",\n  "client_id": "«d21»",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n`],
  (v) => ["src/gcs.ts", `import { Storage } from "@google-cloud/storage";\n\nconst storage = new Storage({\n  projectId: "acme-prod",\n  credentials: {\n    client_email: "deployer@acme-prod.iam.gserviceaccount.com",\n    private_key: "${v}",\n  },\n});\n\nexport default storage;\n`],
];
const KUBE_SHAPES = [
  (v) => ["k8s/db-secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n  namespace: prod\ntype: Opaque\ndata:\n  username: YXBwX3VzZXI=\n  password: ${v}\n`],
  (v) => ["deploy/secret.yml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\ndata:\n  password: ${v}\n`],
];
const DOCKERCFG_SHAPES = [
  (v) => [".docker/config.json", `{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${v}"\n    }\n  }\n}\n`],
  (v) => ["k8s/pull-secret.json", `{\n  "auths": {\n    "https://index.docker.io/v1/": { "auth": "${v}", "email": "ci@acme.io" }\n  }\n}\n`],
];
// Whole-file shapes for a few token kinds: where the tools themselves keep them.
const TOOL_SHAPES = {
  "npm-token": [(v) => [".npmrc", `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${v}\nsave-exact=true\n`]],
  "pypi-token": [(v) => [".pypirc", `[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = ${v}\n`]],
  "github-pat": [(v) => [".git-credentials", `https://acme-bot:${v}@github.com\n`], (v) => ["scripts/clone.sh", `#!/bin/sh\ngit clone https://x-access-token:${v}@github.com/acme/infra.git\n`]],
  "terraform-cloud-token": [(v) => [".terraformrc", `credentials "app.terraform.io" {\n  token = "${v}"\n}\n`]],
  "openai-project-key": [(v) => ["agent.py", `from openai import OpenAI\n\nclient = OpenAI(api_key="${v}")\n\nresp = client.responses.create(model="gpt-4.1", input="hello")\nprint(resp.output_text)\n`]],
  "anthropic-api-key": [(v) => ["agent.ts", `import Anthropic from "@anthropic-ai/sdk";\n\nconst client = new Anthropic({ apiKey: "${v}" });\n\nconst msg = await client.messages.create({ model: "claude-sonnet-4-5", max_tokens: 256, messages: [{ role: "user", content: "hi" }] });\nconsole.log(msg.content);\n`]],
  "stripe-secret-key": [(v) => ["billing/stripe.rb", `require "stripe"\n\nStripe.api_key = "${v}"\n\nStripe::Customer.list(limit: 3)\n`]],
  "slack-bot-token": [(v) => ["bot.py", `from slack_sdk import WebClient\n\nclient = WebClient(token="${v}")\nclient.chat_postMessage(channel="#deploys", text="done")\n`]],
  "huggingface-token": [(v) => ["train.py", `from huggingface_hub import login\n\nlogin(token="${v}")\n`]],
  "telegram-bot-token": [(v) => ["bot.go", `package main\n\nimport "fmt"\n\nconst apiURL = "https://api.telegram.org/bot${v}/sendMessage"\n\nfunc main() { fmt.Println(apiURL) }\n`]],
  "password": [(v) => [".pgpass", `db-prod-1.internal.acme.io:5432:orders:app_rw:${v}\n`], (v) => [".netrc", `machine api.acme.io\n  login deploy\n  password ${v}\n`]],
};

// ---------------------------------------------------------------------------
// Look-alikes. Each class yields [file, content] given an index and a random.

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const VENDOR_NAMES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "DATABASE_PASSWORD", "SLACK_BOT_TOKEN", "SENDGRID_API_KEY", "AWS_SECRET_ACCESS_KEY", "JWT_SECRET", "HF_TOKEN", "TWILIO_AUTH_TOKEN", "DD_API_KEY", "CLIENT_SECRET", "GROQ_API_KEY"];

const PLACEHOLDERS = ["your-api-key-here", "<YOUR_API_KEY>", "sk-...", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "changeme", "REPLACE_ME", "TODO", "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXX", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "<insert token>", "your_secret_here", "", "sk_live_XXXXXXXXXXXXXXXXXXXXXXXX", "xoxb-your-bot-token", "INSERT_KEY_HERE", "***", "<redacted>", "dummy", "${SECRET}", "{{ api_key }}"];
const MANAGER_REFS = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api/openai-«A6»", "op://Engineering/OpenAI/credential", "vault:secret/data/prod/stripe#api_key", "projects/acme-prod/secrets/github-token/versions/latest", "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/ApiKey/)", "{{resolve:secretsmanager:prod/db:SecretString:password}}", "ssm:/acme/prod/slack_token", "sm://acme-prod/sendgrid-key", "doppler://acme/prd/JWT_SECRET", "gcp:secretmanager:projects/1234567890/secrets/db-password", "ref+vault://secret/data/app#/token", "akv://acme-kv/stripe-key"];

// (A CDN path is spelt `${"dist"}/` below so .ci/keychain-free.mjs, which reads this file as the labeled2 test's
// import, does not take it for the built CLI: the text written is the same.)
const CLEAN = {
  placeholder: (i, r) => {
    const s = pick(r, A.filter((x) => !x.local || r() < 0.3));
    return s(pick(r, VENDOR_NAMES), pick(r, PLACEHOLDERS));
  },
  "env-reference": (i, r) => {
    const n = pick(r, VENDOR_NAMES);
    const forms = [
      ["src/settings.py", `import os\n\n${n} = os.environ["${n}"]\nTIMEOUT = int(os.getenv("TIMEOUT", "30"))\n`],
      ["src/config.ts", `export const ${camel(n)} = process.env.${n} ?? "";\nif (!${camel(n)}) throw new Error("${n} is not set");\n`],
      ["cmd/server/main.go", `package main\n\nimport (\n\t"log"\n\t"os"\n)\n\nfunc main() {\n\tkey := os.Getenv("${n}")\n\tif key == "" {\n\t\tlog.Fatal("${n} missing")\n\t}\n}\n`],
      ["src/main/java/com/acme/Keys.java", `package com.acme;\n\nclass Keys {\n    static final String ${n} = System.getenv("${n}");\n}\n`],
      ["config/initializers/keys.rb", `${n} = ENV.fetch("${n}")\n`],
      [".github/workflows/ci.yml", `name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      ${n}: \${{ secrets.${n} }}\n    steps:\n      - run: npm test\n`],
      ["docker-compose.yml", `services:\n  api:\n    image: acme/api\n    environment:\n      ${n}: \${${n}}\n`],
      ["k8s/deployment.yaml", `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n            - name: ${n}\n              valueFrom:\n                secretKeyRef:\n                  name: api-secrets\n                  key: ${kebab(n)}\n`],
      ["charts/api/templates/secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-secrets\nstringData:\n  ${snake(n)}: {{ .Values.${camel(n)} | quote }}\n`],
      ["infra/main.tf", `variable "${snake(n)}" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_lambda_function" "api" {\n  function_name = "api"\n  environment {\n    variables = {\n      ${n} = var.${snake(n)}\n    }\n  }\n}\n`],
      ["src/config.rs", `pub fn key() -> String {\n    std::env::var("${n}").expect("${n} must be set")\n}\n`],
      ["config.php", `<?php\n$${snake(n)} = getenv('${n}');\n`],
      [".env", `${n}=\${${n}_FROM_VAULT}\nPORT=3000\n`],
      ["appsettings.Production.json", `{\n  "${pascal(n)}": "%${n}%"\n}\n`],
      ["src/App.cs", `var ${camel(n)} = Environment.GetEnvironmentVariable("${n}");\n`],
      [".envrc", `export ${n}=$(op read "op://dev/${kebab(n)}/credential")\n`],
    ];
    return forms[i % forms.length];
  },
  "secret-manager-reference": (i, r) => {
    const s = pick(r, A.filter((x) => !x.local));
    return s(pick(r, VENDOR_NAMES), MANAGER_REFS[i % MANAGER_REFS.length]);
  },
  "documented-example": (i) => {
    const forms = [
      ["docs/aws.md", "Example from the AWS docs:\n\n```ini\n[default]\naws_access_key_id = «doc:aws-access-key-id»\naws_secret_access_key = «doc:aws-secret-access-key»\n```\n"],
      ["tests/test_s3.py", `import boto3\nfrom moto import mock_aws\n\n\n@mock_aws\ndef test_upload():\n    s3 = boto3.client("s3", aws_access_key_id="«doc:aws-access-key-id»", aws_secret_access_key="«doc:aws-secret-access-key»")\n    s3.create_bucket(Bucket="b")\n`],
      ["docs/auth.md", "A JWT looks like the one on jwt.io:\n\n```\n«doc:jwt-io»\n```\n"],
      ["local.settings.json", `{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«doc:azure-storage-emulator-account-key»;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",\n    "FUNCTIONS_WORKER_RUNTIME": "node"\n  }\n}\n`],
      ["README.md", "## Slack\n\nCreate an incoming webhook; it looks like\n`https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`.\n"],
      ["docs/env.md", "| name | example |\n| --- | --- |\n| `AWS_ACCESS_KEY_ID` | `«doc:aws-access-key-id»` |\n| `AWS_SECRET_ACCESS_KEY` | `«doc:aws-secret-access-key»` |\n"],
      ["spec/fixtures/jwt.rb", `TOKEN = "«doc:jwt-io»"\n`],
      ["docker-compose.azurite.yml", `services:\n  app:\n    environment:\n      AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«doc:azure-storage-emulator-account-key»;BlobEndpoint=http://azurite:10000/devstoreaccount1;"\n  azurite:\n    image: mcr.microsoft.com/azure-storage/azurite\n`],
    ];
    return forms[i % forms.length];
  },
  "hash-or-checksum": (i) => {
    const forms = [
      ["package-lock.json", `{\n  "name": "web",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/lodash": {\n      "version": "4.17.21",\n      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n      "integrity": "sha512-«b86»=="\n    }\n  }\n}\n`],
      ["go.sum", `github.com/google/uuid v1.6.0 h1:«b43»=\ngithub.com/google/uuid v1.6.0/go.mod h1:«b43»=\n`],
      ["Cargo.lock", `[[package]]\nname = "serde"\nversion = "1.0.210"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "«h64»"\n`],
      ["requirements.txt", `requests==2.32.3 \\\n    --hash=sha256:«h64»\nurllib3==2.2.3 \\\n    --hash=sha256:«h64»\n`],
      ["Dockerfile", `FROM python:3.12-slim@sha256:«h64»\nRUN pip install --no-cache-dir uv\n`],
      ["CHANGELOG.md", `## 1.4.2\n\n- fix retry on 429 («h7»)\n- bump deps (commit «h40»)\n`],
      ["SHA256SUMS", `«h64»  backpack-linux-x64.tar.gz\n«h64»  backpack-darwin-arm64.tar.gz\n`],
      [".terraform.lock.hcl", `provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.70.0"\n  hashes = [\n    "h1:«b43»=",\n    "zh:«h64»",\n  ]\n}\n`],
      ["yarn.lock", `lodash@^4.17.21:\n  version "4.17.21"\n  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#«h40»"\n  integrity sha512-«b86»==\n`],
      ["public/index.html", `<!doctype html>\n<script src="https://cdn.jsdelivr.net/npm/alpinejs@3.14.1/${"dist"}/cdn.min.js" integrity="sha384-«b64»" crossorigin="anonymous"></script>\n`],
      ["composer.lock", `{\n  "packages": [\n    {\n      "name": "monolog/monolog",\n      "dist": { "type": "zip", "shasum": "«h40»", "reference": "«h40»" }\n    }\n  ]\n}\n`],
      ["pnpm-lock.yaml", `packages:\n  /zod@3.23.8:\n    resolution: {integrity: sha512-«b86»==}\n`],
      ["scripts/verify.sh", `#!/bin/sh\nEXPECTED_SHA256="«h64»"\necho "$EXPECTED_SHA256  dist.tgz" | sha256sum -c -\n`],
      ["flake.lock", `{\n  "nodes": {\n    "nixpkgs": {\n      "locked": { "narHash": "sha256-«b43»=", "rev": "«h40»", "type": "github" }\n    }\n  }\n}\n`],
    ];
    return forms[i % forms.length];
  },
  "uuid-or-id": (i) => {
    const forms = [
      ["infra/azure.tf", `provider "azurerm" {\n  features {}\n  subscription_id = "«h8»-«h4»-«h4»-«h4»-«h12»"\n  tenant_id       = "«h8»-«h4»-«h4»-«h4»-«h12»"\n}\n`],
      ["logs/worker.log", `2026-11-30T10:01:02Z INFO job done request_id=«h8»-«h4»-«h4»-«h4»-«h12» trace_id=«h32» span_id=«h16»\n`],
      ["src/billing.py", `PRICE_ID = "price_«A24»"\nPRODUCT_ID = "prod_«A14»"\nCUSTOMER_ID = "cus_«A14»"\n`],
      ["agent/assistant.json", `{\n  "assistant_id": "asst_«A24»",\n  "vector_store_id": "vs_«A24»",\n  "organization": "org-«A24»"\n}\n`],
      ["config/slack.yml", `channel_id: C«U10»\nteam_id: T«U10»\nbot_user_id: U«U10»\n`],
      ["docker/ps.txt", `CONTAINER ID                                                       IMAGE\n«h64»   acme/api:1.4.2\n`],
      ["k8s/pod.json", `{\n  "metadata": { "name": "api-7d9f", "uid": "«h8»-«h4»-«h4»-«h4»-«h12»", "resourceVersion": "«d8»" }\n}\n`],
      ["src/constants.ts", `export const GA_MEASUREMENT_ID = "G-«U10»";\nexport const SENTRY_RELEASE = "«h40»";\nexport const DISCORD_CHANNEL_ID = "«d19»";\n`],
      ["cloudformation.yaml", `Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: deployer\n      ManagedPolicyArns:\n        - arn:aws:iam::«d12»:policy/DeployPolicy\n`],
      ["firebase.json", `{\n  "projects": { "default": "acme-prod-«d5»" },\n  "messagingSenderId": "«d12»",\n  "appId": "1:«d12»:web:«h22»"\n}\n`],
      ["db/migrations/20261130_seed.sql", `INSERT INTO tenants (id, name) VALUES ('«h8»-«h4»-«h4»-«h4»-«h12»', 'acme');\n`],
      [".vscode/launch.json", `{\n  "configurations": [{ "type": "node", "request": "launch", "name": "api", "sessionId": "«h32»" }]\n}\n`],
    ];
    return forms[i % forms.length];
  },
  "public-key-or-certificate": (i) => {
    const forms = [
      [".ssh/authorized_keys", `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43» deploy@ci\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ«b360»= alice@laptop\n`],
      ["certs/ca.crt", `«pem:CERTIFICATE»\n`],
      ["keys/public.pem", `«pem:PUBLIC KEY»\n`],
      ["src/verify.py", `PUBLIC_KEY = """«pem:PUBLIC KEY»"""\n\n\ndef verify(token):\n    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])\n`],
      [".well-known/jwks.json", `{\n  "keys": [\n    { "kty": "RSA", "kid": "«h16»", "use": "sig", "alg": "RS256", "n": "«u342»", "e": "AQAB" }\n  ]\n}\n`],
      [".sops.yaml", `creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: age1«q58»\n`],
      ["KEYS.asc", `«pem:PGP PUBLIC KEY BLOCK»\n`],
      ["wg0.conf.peer", `[Peer]\nPublicKey = «b43»=\nAllowedIPs = 10.8.0.2/32\nEndpoint = vpn.acme.io:51820\n`],
      ["known_hosts", `github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43»\n`],
      ["k8s/ingress-tls.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ca-bundle\ndata:\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    «b64»\n    «b64»\n    «b64»\n    «b40»==\n    -----END CERTIFICATE-----\n`],
    ];
    return forms[i % forms.length];
  },
  "encrypted-value": (i) => {
    const sops = () => `ENC[AES256_GCM,data:«b32»,iv:«b43»=,tag:«b22»==,type:str]`;
    const forms = [
      ["secrets/prod.yaml", `db_password: ${sops()}\nstripe_key: ${sops()}\nsops:\n    kms: []\n    age:\n        - recipient: age1«q58»\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            «b64»\n            «b40»\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: "2026-11-30T10:00:00Z"\n    mac: ${sops()}\n    version: 3.9.1\n`],
      [".env", `#/-------------------[DOTENV_PUBLIC_KEY]--------------------/\n#/            public-key encryption for .env files          /\n#/----------------------------------------------------------/\nDOTENV_PUBLIC_KEY="03«h64»"\n\nOPENAI_API_KEY="encrypted:«b120»"\nDATABASE_URL="encrypted:«b120»"\n`],
      ["group_vars/prod/vault.yml", `$ANSIBLE_VAULT;1.1;AES256\n«h80»\n«h80»\n«h80»\n«h40»\n`],
      ["host_vars/db.yml", `db_user: app\ndb_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  «h80»\n  «h80»\n  «h32»\n`],
      ["k8s/sealed-secret.yaml", `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api-secrets\n  namespace: prod\nspec:\n  encryptedData:\n    OPENAI_API_KEY: Ag«b600»==\n    DB_PASSWORD: Ag«b600»==\n`],
      ["secrets/prod.json", `{\n  "api_token": "${sops()}",\n  "sops": { "mac": "${sops()}", "version": "3.9.1" }\n}\n`],
      ["config/credentials.yml.enc", `«b200»--«b16»==--«b22»==\n`],
      ["secrets.env.age", `-----BEGIN AGE ENCRYPTED FILE-----\n«b64»\n«b64»\n«b30»\n-----END AGE ENCRYPTED FILE-----\n`],
      ["terraform/kms.tf", `data "aws_kms_secrets" "db" {\n  secret {\n    name    = "master_password"\n    payload = "AQICAH«b200»=="\n  }\n}\n`],
      [".env.production", `# values encrypted with dotenvx\nDOTENV_PUBLIC_KEY_PRODUCTION="02«h64»"\nSTRIPE_SECRET_KEY="encrypted:«b140»"\n`],
    ];
    return forms[i % forms.length];
  },
  "test-fixture": (i) => {
    const forms = [
      ["tests/test_auth.py", `import pytest\n\nFAKE_TOKEN = "fake-token-for-tests"\n\n\ndef test_rejects_bad_token(client):\n    resp = client.get("/me", headers={"Authorization": "Bearer invalid-token"})\n    assert resp.status_code == 401\n`],
      ["src/__tests__/stripe.test.ts", `import { describe, it, expect } from "vitest";\n\nconst apiKey = "sk_test_fake_key_for_unit_tests";\n\ndescribe("client", () => {\n  it("sets the key", () => expect(makeClient(apiKey).key).toBe(apiKey));\n});\n`],
      ["spec/models/user_spec.rb", `RSpec.describe User do\n  it "authenticates" do\n    user = User.create!(email: "a@example.com", password: "password", password_confirmation: "password")\n    expect(user.authenticate("password")).to be_truthy\n  end\nend\n`],
      ["internal/auth/auth_test.go", `package auth\n\nimport "testing"\n\nfunc TestToken(t *testing.T) {\n\tconst token = "test-token-123"\n\tif !Valid(token) {\n\t\tt.Fatal("want valid")\n\t}\n}\n`],
      ["tests/fixtures/config.json", `{\n  "api_key": "test_api_key",\n  "secret": "not-a-real-secret",\n  "password": "dummy-password"\n}\n`],
      ["src/test/java/com/acme/LoginTest.java", `package com.acme;\n\nclass LoginTest {\n    private static final String PASSWORD = "secret123";\n    @org.junit.jupiter.api.Test void login() { assert new Login().check("user", PASSWORD); }\n}\n`],
      ["tests/conftest.py", `import os\n\nos.environ.setdefault("OPENAI_API_KEY", "sk-test")\nos.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")\n`],
      ["test/mocks/github.js", `module.exports = {\n  token: 'ghp_000000000000000000000000000000000000',\n  user: 'octocat',\n};\n`],
      ["tests/e2e/login.spec.ts", `test("login", async ({ page }) => {\n  await page.fill("#email", "qa@example.com");\n  await page.fill("#password", "Password123!");\n  await page.click("text=Sign in");\n});\n`],
      ["test/fixtures/webhook.json", `{\n  "type": "checkout.session.completed",\n  "signature": "t=1700000000,v1=«h64»"\n}\n`],
    ];
    return forms[i % forms.length];
  },
  "i18n-string": (i) => {
    const forms = [
      ["locales/en.json", `{\n  "login.password": "Password",\n  "login.forgot": "Forgot your password?",\n  "errors.password_too_short": "Password must be at least 12 characters",\n  "settings.api_key": "API key",\n  "settings.api_key_help": "Paste the secret key from your dashboard"\n}\n`],
      ["config/locales/fr.yml", `fr:\n  devise:\n    password: "Mot de passe"\n    reset_password_token: "Jeton de réinitialisation"\n    secret_key_hint: "Votre clé secrète"\n`],
      ["src/main/resources/messages.properties", `login.password=Password\nlogin.password.invalid=The password you entered is incorrect\ntoken.expired=Your session token expired, sign in again\n`],
      ["locale/de/LC_MESSAGES/django.po", `msgid "Password"\nmsgstr "Passwort"\n\nmsgid "Your API token"\nmsgstr "Ihr API-Token"\n`],
      ["app/src/main/res/values/strings.xml", `<resources>\n    <string name="password_hint">Password</string>\n    <string name="api_key_label">API key</string>\n    <string name="secret_missing">Secret is missing</string>\n</resources>\n`],
      ["lib/l10n/app_en.arb", `{\n  "passwordLabel": "Password",\n  "tokenExpired": "Your access token has expired",\n  "apiKeyPlaceholder": "sk-..."\n}\n`],
    ];
    return forms[i % forms.length];
  },
  "code-handling-secrets": (i) => {
    const forms = [
      ["src/validate.ts", `const OPENAI_KEY = /^sk-(proj-)?[A-Za-z0-9_-]{20,}$/;\n\nexport function looksLikeKey(value: string): boolean {\n  return OPENAI_KEY.test(value);\n}\n`],
      ["src/mask.py", `def mask(secret: str) -> str:\n    """Show the first four characters only."""\n    return secret[:4] + "*" * (len(secret) - 4)\n`],
      ["cli/login.py", `import getpass\n\npassword = getpass.getpass("Password: ")\napi_key = input("API key: ").strip()\n`],
      ["src/auth/hash.js", `const bcrypt = require('bcrypt');\n\nasync function hashPassword(password) {\n  return bcrypt.hash(password, 12);\n}\n`],
      ["db/schema.sql", `CREATE TABLE users (\n  id UUID PRIMARY KEY,\n  email TEXT NOT NULL,\n  password_hash VARCHAR(255) NOT NULL,\n  api_token_digest CHAR(64)\n);\n`],
      ["templates/login.html", `<form method="post">\n  <input type="email" name="email">\n  <input type="password" name="password" autocomplete="current-password">\n  <button>Sign in</button>\n</form>\n`],
      ["schema.graphql", `type Mutation {\n  login(email: String!, password: String!): AuthPayload\n  rotateApiKey(id: ID!): ApiKey\n}\n`],
      ["src/types.ts", `export interface Credentials {\n  apiKey: string;\n  clientSecret?: string;\n  password: string;\n}\n`],
      ["internal/redact/redact.go", `package redact\n\nimport "regexp"\n\nvar bearer = regexp.MustCompile(\`(?i)authorization: bearer [a-z0-9._-]+\`)\n\nfunc Line(s string) string { return bearer.ReplaceAllString(s, "authorization: bearer [REDACTED]") }\n`],
      ["cli/args.py", `import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument("--api-key", help="API key (or set OPENAI_API_KEY)")\nparser.add_argument("--password", default=None)\n`],
      ["src/Auth.cs", `public bool Check(string password) {\n    if (string.IsNullOrEmpty(password)) return false;\n    return BCrypt.Net.BCrypt.Verify(password, _user.PasswordHash);\n}\n`],
      ["src/keys.rs", `pub fn is_github_token(s: &str) -> bool {\n    s.starts_with("ghp_") && s.len() == 40\n}\n`],
    ];
    return forms[i % forms.length];
  },
  "near-miss": (i) => {
    const forms = [
      ["src/prefixes.ts", `export const PREFIXES = { github: "ghp_", gitlab: "glpat-", slack: "xoxb-", stripe: "sk_live_", openai: "sk-proj-" };\n`],
      ["logs/audit.log", `2026-11-30T10:01:02Z WARN rejected key sk-ant-...«a4» (revoked)\n2026-11-30T10:01:05Z INFO key ghp_****«A4» rotated by alice\n`],
      ["docs/tokens.md", "Tokens start with `ghp_` and are 40 characters long, e.g. `ghp_` followed by 36 letters and digits.\n"],
      ["tests/test_validate.py", `def test_short_key_is_rejected():\n    assert not looks_like_key("sk-abc123")\n    assert not looks_like_key("AKIA1234")\n`],
      ["src/dashboard.tsx", `export const KeyRow = ({ last4 }: { last4: string }) => <span>sk_live_••••••••{last4}</span>;\n`],
      ["README.md", "Set `STRIPE_SECRET_KEY` to a key from the dashboard (it begins `sk_live_` in production, `sk_test_` in test mode).\n"],
      ["src/settings.py", `TOKEN_PREFIX = "hf_"\nKEY_LENGTH = 40\nSECRET_HEADER = "X-Api-Key"\n`],
      ["config/app.yml", `session:\n  cookie_name: _acme_session\n  secret_key_base_env: SECRET_KEY_BASE\n  token_ttl: 3600\n`],
      ["src/main.go", `package main\n\nconst tokenLen = 36 // ghp_ + 36 base62 characters\n\nvar sample = "ghp_" + strings.Repeat("x", tokenLen)\n`],
      ["ui/keys.html", `<p>Your key: <code>sk-proj-…«a4»</code> (shown once)</p>\n`],
    ];
    return forms[i % forms.length];
  },
  "public-client-id": (i) => {
    const forms = [
      ["src/auth.ts", `export const GOOGLE_CLIENT_ID = "«d12»-«a32».apps.googleusercontent.com";\n`],
      [".env", `GITHUB_CLIENT_ID=Iv1.«h16»\nAUTH0_CLIENT_ID=«A32»\nAUTH0_DOMAIN=acme.us.auth0.com\n`],
      ["src/msal.js", `export const msalConfig = {\n  auth: {\n    clientId: "«h8»-«h4»-«h4»-«h4»-«h12»",\n    authority: "https://login.microsoftonline.com/common",\n  },\n};\n`],
      ["amplify/config.json", `{\n  "aws_user_pools_id": "us-east-1_«A9»",\n  "aws_user_pools_web_client_id": "«a26»"\n}\n`],
      ["config/okta.yml", `okta:\n  client_id: 0oa«A17»\n  issuer: https://acme.okta.com/oauth2/default\n`],
      ["app.json", `{\n  "expo": {\n    "extra": { "facebookAppId": "«d15»", "googleIosClientId": "«d12»-«a32».apps.googleusercontent.com" }\n  }\n}\n`],
    ];
    return forms[i % forms.length];
  },
  "publishable-key": (i) => {
    const forms = [
      ["src/checkout.js", `const stripe = Stripe('pk_live_«A99»');\n`],
      [".env.production", `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_«A99»\nNEXT_PUBLIC_POSTHOG_KEY=phc_«A43»\n`],
      ["src/sentry.ts", `Sentry.init({ dsn: "https://«h32»@o«d6».ingest.us.sentry.io/«d7»", tracesSampleRate: 0.1 });\n`],
      ["src/map.js", `mapboxgl.accessToken = 'pk.eyJ1IjoiYWNtZSIsImEiOiJ«A20»In0.«u22»';\n`],
      [".env", `VITE_CLERK_PUBLISHABLE_KEY=pk_live_«u40»\nVITE_ALGOLIA_APP_ID=«U10»\nVITE_ALGOLIA_SEARCH_KEY=«h32»\n`],
      ["templates/signup.html", `<div class="g-recaptcha" data-sitekey="6L«u38»"></div>\n`],
      ["src/analytics.ts", `posthog.init("phc_«A43»", { api_host: "https://us.i.posthog.com" });\n`],
    ];
    return forms[i % forms.length];
  },
  "webhook-without-secret": (i) => {
    const forms = [
      ["src/slack.py", `SLACK_WEBHOOK_BASE = "https://hooks.slack.com/services/"\n\n\ndef url(path: str) -> str:\n    return SLACK_WEBHOOK_BASE + path\n`],
      ["docs/discord.md", "Post to `https://discord.com/api/webhooks/{webhook.id}/{webhook.token}` with a JSON body.\n"],
      ["src/telegram.ts", "const url = `https://api.telegram.org/bot${process.env.TELEGRAM_BOT_TOKEN}/sendMessage`;\n"],
      ["config/alerts.yml", `alertmanager:\n  receivers:\n    - name: slack\n      slack_configs:\n        - api_url_file: /etc/alertmanager/slack_url\n          channel: "#alerts"\n`],
      ["README.md", "Webhooks are sent to `https://api.acme.io/hooks/<id>`; verify the `X-Signature` header with your signing secret.\n"],
      ["src/teams.js", `const TEAMS_WEBHOOK = process.env.TEAMS_WEBHOOK_URL; // https://acme.webhook.office.com/webhookb2/...\n`],
    ];
    return forms[i % forms.length];
  },
  "connection-string-without-password": (i) => {
    const forms = [
      [".env", `DATABASE_URL=postgres://localhost:5432/app_dev\nREDIS_URL=redis://localhost:6379/0\n`],
      ["docker-compose.yml", `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n  api:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app\n`],
      ["src/db.ts", "export const url = `postgres://${user}:${password}@${host}:5432/${db}`;\n"],
      ["config/database.yml", `development:\n  adapter: postgresql\n  url: postgres://app@localhost/app_development\n`],
      ["src/mongo.py", `client = MongoClient("mongodb://localhost:27017/")\n`],
      ["k8s/configmap.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\ndata:\n  DATABASE_URL: postgresql://app:$(DB_PASSWORD)@db.prod.svc:5432/app\n`],
      ["alembic.ini", `[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://%(DB_USER)s:%(DB_PASS)s@%(DB_HOST)s/app\n`],
    ];
    return forms[i % forms.length];
  },
  "high-entropy-data": (i) => {
    const forms = [
      ["src/icon.css", `.logo { background-image: url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQ«b200»"); }\n`],
      ["build/asset-manifest.json", `{\n  "main.js": "/static/js/main.«h8».js",\n  "main.css": "/static/css/main.«h8».css"\n}\n`],
      ["static/js/app.js.map", `{"version":3,"sources":["app.ts"],"names":[],"mappings":"«b120»"}\n`],
      ["fixtures/avatar.svg", `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ«b180»"/></svg>\n`],
      ["src/fonts.ts", `export const INTER_WOFF2 = "d09GMgABAAAA«b240»";\n`],
    ];
    return forms[i % forms.length];
  },
};

const CLEAN_COUNTS = {
  placeholder: 36,
  "env-reference": 28,
  "secret-manager-reference": 20,
  "documented-example": 16,
  "hash-or-checksum": 26,
  "uuid-or-id": 22,
  "public-key-or-certificate": 18,
  "encrypted-value": 20,
  "test-fixture": 18,
  "i18n-string": 10,
  "code-handling-secrets": 22,
  "near-miss": 18,
  "public-client-id": 12,
  "publishable-key": 12,
  "webhook-without-secret": 12,
  "connection-string-without-password": 12,
  "high-entropy-data": 8,
};

// ---------------------------------------------------------------------------
// Second batch, harder contexts (written after the first batch scored 1.000
// recall untouched, still before any rule was read): a secret where a tool,
// a shell or a framework keeps it, under short or no names, in headers,
// query strings, command lines and logs; and look-alikes in the same places.
// Each context is used once, so no context sits in both halves.

const HARD_SECRETS = [
  { kind: "openai-project-key", value: "sk-proj-«u74»T3BlbkFJ«u74»", file: "profile.ps1", text: (v) => `Set-Location ~/src\n$env:OPENAI_API_KEY = "${v}"\nImport-Module posh-git\n` },
  { kind: "github-pat", value: "ghp_«A36»", file: "build.bat", text: (v) => `@echo off\nset GITHUB_TOKEN=${v}\ncall npm run release\n` },
  { kind: "generic-secret", value: "«A32»", file: "firmware/config.h", text: (v) => `#ifndef CONFIG_H\n#define CONFIG_H\n\n#define WIFI_SSID "acme-iot"\n#define API_KEY "${v}"\n\n#endif\n` },
  { kind: "slack-bot-token", value: "xoxb-«d12»-«d13»-«A24»", file: "scripts/notify.lua", text: (v) => `local http = require("socket.http")\nlocal token = "${v}"\nlocal channel = "#ops"\n` },
  { kind: "openai-project-key", value: "sk-proj-«u74»T3BlbkFJ«u74»", file: ".Rprofile", text: (v) => `options(repos = c(CRAN = "https://cloud.r-project.org"))\nSys.setenv(OPENAI_API_KEY = "${v}")\n` },
  { kind: "stripe-secret-key", value: "sk_live_«A99»", file: "config/prod.exs", text: (v) => `import Config\n\nconfig :stripity_stripe, api_key: "${v}"\nconfig :logger, level: :info\n` },
  { kind: "password", value: "«A9»7$", file: "lib/Acme/DB.pm", text: (v) => `package Acme::DB;\nuse DBI;\n\nmy $password = '${v}';\nmy $dbh = DBI->connect("dbi:Pg:dbname=acme;host=db.prod", "acme", $password);\n1;\n` },
  { kind: "google-api-key", value: "AIza«u35»", file: "src/geocode.js", text: (v) => `export async function geocode(address) {\n  const res = await fetch(\`https://maps.googleapis.com/maps/api/geocode/json?address=\${encodeURIComponent(address)}&key=${v}\`);\n  return res.json();\n}\n` },
  { kind: "facebook-access-token", value: "EAAB«A180»", file: "scripts/insights.sh", text: (v) => `#!/bin/sh\ncurl -s "https://graph.facebook.com/v19.0/me/accounts?access_token=${v}" | jq .\n` },
  { kind: "password", value: "«A11»x!", file: ".bash_history", text: (v) => `docker ps\ndocker login -u acme -p ${v} registry.acme.io\ndocker push registry.acme.io/api:1.4.2\n` },
  { kind: "password", value: "«A12»9#", file: "scripts/backup.sh", text: (v) => `#!/bin/bash\nmysqldump -h db.prod.acme.io -u backup -p'${v}' orders > /backups/orders.sql\n` },
  { kind: "jwt", value: "«jwt»", file: ".kube/config", text: (v) => `apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://10.0.0.1:6443\nusers:\n- name: admin\n  user:\n    token: ${v}\ncontexts:\n- name: prod\n  context: {cluster: prod, user: admin}\ncurrent-context: prod\n` },
  { kind: "password", value: "«A24»", file: "redis/redis.conf", text: (v) => `bind 0.0.0.0\nport 6379\nrequirepass ${v}\nmaxmemory 2gb\n` },
  { kind: "password", value: "«A14»", file: ".my.cnf", text: (v) => `[client]\nuser=root\npassword=${v}\nhost=db.prod.acme.io\n` },
  { kind: "password", value: "«A12»7$", file: "public/db.php", text: (v) => `<?php\n$conn = new mysqli("db.prod.acme.io", "shop", "${v}", "shop");\nif ($conn->connect_error) { die("db down"); }\n` },
  { kind: "password", value: "«A13»", file: "etl/load.py", text: (v) => `import psycopg2\n\nconn = psycopg2.connect(host="db.prod.acme.io", dbname="dw", user="etl", password="${v}")\n` },
  { kind: "jdbc-url", value: "jdbc:postgresql://db.prod.acme.io:5432/app?user=app&password=«A16»", file: "src/main/resources/application-prod.properties", text: (v) => `spring.datasource.url=${v}\nspring.jpa.hibernate.ddl-auto=validate\n` },
  { kind: "odbc-connection-string", value: "Driver={ODBC Driver 18 for SQL Server};Server=tcp:acme.database.windows.net,1433;Database=dw;Uid=etl;Pwd=«A14»;Encrypt=yes;", file: "etl/conn.R", text: (v) => `library(DBI)\ncon <- dbConnect(odbc::odbc(), .connection_string = "${v}")\n` },
  { kind: "azure-sas-token", value: "https://acmebackups.blob.core.windows.net/db?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2027-06-01T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig=«b43»%3D", file: "scripts/upload.sh", text: (v) => `#!/bin/sh\nazcopy copy ./dump.sql "${v}"\n` },
  { kind: "gitlab-pat", value: "glpat-«u20»", file: "docs/release.md", text: (v) => `Trigger a pipeline:\n\n    curl --request POST --header "PRIVATE-TOKEN: ${v}" "https://gitlab.acme.io/api/v4/projects/12/pipeline?ref=main"\n` },
  { kind: "api-key-header", value: "«h32»", file: "requests/search.http", text: (v) => `GET https://api.acme-search.io/v2/indexes/products/search?q=shoes\nX-API-Key: ${v}\nAccept: application/json\n` },
  { kind: "azure-openai-key", value: "«h32»", file: "src/azure_chat.py", text: (v) => `import requests\n\nresp = requests.post(\n    "https://acme-openai.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01",\n    headers={"api-key": "${v}", "Content-Type": "application/json"},\n    json={"messages": [{"role": "user", "content": "hi"}]},\n)\n` },
  { kind: "slack-bot-token", value: "xoxb-«d12»-«d13»-«A24»", file: "notebooks/alerts.ipynb", text: (v) => `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 3,\n   "metadata": {},\n   "outputs": [\n    {\n     "name": "stdout",\n     "output_type": "stream",\n     "text": [\n      "client ready, token=${v}\\n"\n     ]\n    }\n   ],\n   "source": ["client = connect()"]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n` },
  { kind: "basic-auth-header", value: "«basicauth»", file: ".gitconfig", text: (v) => `[user]\n\tname = CI Bot\n[http "https://git.acme.io/"]\n\textraheader = AUTHORIZATION: basic ${v}\n` },
  { kind: "npm-token", value: "«basicauth»", file: ".npmrc", text: (v) => `registry=https://npm.acme.io/\n_auth=${v}\nalways-auth=true\n` },
  { kind: "gitlab-deploy-token", value: "«A20»", file: "pip.conf", text: (v) => `[global]\nindex-url = https://__token__:${v}@gitlab.acme.io/api/v4/projects/12/packages/pypi/simple\n` },
  { kind: "datadog-app-key", value: "«h40»", file: "infra/datadog.tf", text: (v) => `provider "datadog" {\n  api_key = var.datadog_api_key\n  app_key = "${v}"\n}\n` },
  { kind: "password", value: "«A12»", file: "inventory/hosts.ini", text: (v) => `[db]\ndb1 ansible_host=10.0.0.5 ansible_user=root ansible_password=${v}\n` },
  { kind: "generic-secret", value: "«A32»", file: "src/main/java/com/acme/ApiClient.java", text: (v) => `package com.acme;\n\nimport org.springframework.beans.factory.annotation.Value;\n\nclass ApiClient {\n    @Value("\${vendor.api-key:${v}}")\n    private String apiKey;\n}\n` },
  { kind: "anthropic-api-key", value: "sk-ant-api03-«u93»AA", file: "src/llm.js", text: (v) => `import Anthropic from "@anthropic-ai/sdk";\n\nconst apiKey = process.env.ANTHROPIC_API_KEY || "${v}";\nexport const client = new Anthropic({ apiKey });\n` },
  { kind: "stripe-secret-key", value: "sk_live_«A99»", file: "billing/client.py", text: (v) => `import os\n\nimport stripe\n\nstripe.api_key = os.getenv("STRIPE_KEY", "${v}")\n` },
  { kind: "slack-bot-token", value: "xoxb-«d12»-«d13»-«A24»", file: "internal/notify/notify.go", text: (v) => `package notify\n\nvar cfg = Config{\n\tChannel: "#deploys",\n\tToken:   "${v}",\n}\n` },
  { kind: "slack-webhook", value: "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»", file: "config/alerts.yml", text: (v) => `alerts:\n  slack:\n    channel: "#alerts"\n    hook: ${v}\n` },
  { kind: "password", value: "«A10»4!", file: "ecs/task-definition.json", text: (v) => `{\n  "family": "api",\n  "containerDefinitions": [\n    {\n      "name": "api",\n      "image": "acme/api:1.4.2",\n      "environment": [\n        { "name": "NODE_ENV", "value": "production" },\n        { "name": "DB_PASSWORD", "value": "${v}" }\n      ]\n    }\n  ]\n}\n` },
  { kind: "password", value: "«A14»x9", file: "README.md", text: (v) => `## Database\n\n\`\`\`sh\ndocker run -d -e POSTGRES_PASSWORD=${v} -p 5432:5432 postgres:16\n\`\`\`\n` },
  { kind: "stripe-secret-key", value: "sk_live_«A99»", file: "deploy/upgrade.sh", text: (v) => `#!/bin/sh\nhelm upgrade --install api ./charts/api \\\n  --set image.tag=1.4.2 \\\n  --set secrets.stripeKey=${v}\n` },
  { kind: "github-pat", value: "ghp_«A36»", file: ".github/workflows/release.yml", text: (v) => `name: release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: ${v}\n` },
  { kind: "sonarqube-token", value: "squ_«h40»", file: "bitbucket-pipelines.yml", text: (v) => `pipelines:\n  default:\n    - step:\n        script:\n          - export SONAR_TOKEN=${v}\n          - sonar-scanner\n` },
  { kind: "password", value: "«A12»7x", file: "cloud-init/user-data.yml", text: (v) => `#cloud-config\nchpasswd:\n  expire: false\n  list: |\n    root:${v}\n` },
  { kind: "generic-secret", value: "«A40»", file: "deploy/api.service", text: (v) => `[Unit]\nDescription=API\n\n[Service]\nEnvironment="API_TOKEN=${v}"\nExecStart=/usr/bin/node /srv/api/server.js\n` },
  { kind: "bearer-token-header", value: "«A40»", file: "crontab", text: (v) => `# m h dom mon dow command\n0 * * * * curl -fsS -H "Authorization: Bearer ${v}" https://api.acme.io/v1/sync\n` },
  { kind: "password", value: "«A12»8!", file: "logs/requests.log", text: (v) => `{"ts":"2026-11-30T10:01:02Z","level":"debug","path":"/login","body":{"email":"ops@acme.io","password":"${v}"}}\n` },
  { kind: "postgres-url", value: "postgresql://app:«A16»@db-prod-1.internal.acme.io:5432/app", file: "logs/worker-error.log", text: (v) => `Traceback (most recent call last):\n  File "worker.py", line 12, in <module>\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect: ${v}\n` },
  { kind: "bearer-token-header", value: "«A40»", file: "postman/acme.postman_collection.json", text: (v) => `{\n  "info": { "name": "acme" },\n  "auth": {\n    "type": "bearer",\n    "bearer": [ { "key": "token", "value": "${v}", "type": "string" } ]\n  }\n}\n` },
  { kind: "password", value: "«A12»5#", file: ".vscode/settings.json", text: (v) => `{\n  "sqltools.connections": [\n    { "name": "prod", "driver": "PostgreSQL", "server": "db.prod.acme.io", "username": "ro", "password": "${v}" }\n  ]\n}\n` },
  { kind: "openai-project-key", value: "sk-proj-«u74»T3BlbkFJ«u74»", file: "notes/keys.md", text: (v) => `| env | key |\n| --- | --- |\n| prod | ${v} |\n` },
  { kind: "sendgrid-api-key", value: "SG.«u22».«u43»", file: "config/mail.yml", text: (v) => `mailer:\n  url: smtp://apikey:${v}@smtp.sendgrid.net:587\n` },
  { kind: "pkcs8-private-key", value: "«pem:PRIVATE KEY»", file: "ios/AuthKey_4X7K2P9Q3M.p8", text: (v) => `${v}\n` },
  { kind: "putty-private-key", value: "«b64»\n«b64»\n«b64»\n«b64»", file: "keys/deploy.ppk", text: (v) => `PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: deploy\nPublic-Lines: 6\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\nPrivate-Lines: 14\n${v}\nPrivate-MAC: «h64»\n` },
  { kind: "jwt", value: "«jwt»", file: "requests/session.http", text: (v) => `GET https://app.acme.io/api/me\nCookie: session=${v}\n` },
  { kind: "aws-secret-access-key", value: "«b40»", file: ".zsh_history", text: (v) => `: 1733050000:0;aws configure set aws_secret_access_key ${v}\n: 1733050010:0;aws s3 ls\n` },
  { kind: "github-pat", value: "ghp_«A36»", file: "scripts/bootstrap.sh", text: (v) => `#!/bin/sh\necho ${v} | gh auth login --with-token\ngh repo clone acme/infra\n` },
  { kind: "password", value: "«A16»", file: ".m2/settings.xml", text: (v) => `<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>ci</username>\n      <password>${v}</password>\n    </server>\n  </servers>\n</settings>\n` },
  { kind: "azure-devops-pat", value: "«a52»", file: "NuGet.Config", text: (v) => `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${v}" />\n    </acme>\n  </packageSourceCredentials>\n</configuration>\n` },
  { kind: "password", value: "«A16»", file: "gradle.properties", text: (v) => `org.gradle.jvmargs=-Xmx2g\nossrhUsername=acme\nossrhPassword=${v}\n` },
  { kind: "google-api-key", value: "AIza«u35»", file: "android/local.properties", text: (v) => `sdk.dir=/Users/dev/Library/Android/sdk\nMAPS_API_KEY=${v}\n` },
  { kind: "generic-secret", value: "«A32»", file: "ios/Config/Release.xcconfig", text: (v) => `PRODUCT_BUNDLE_IDENTIFIER = io.acme.app\nAPI_SECRET = ${v}\n` },
  { kind: "stripe-secret-key", value: "sk_live_«A99»", file: "ios/App/Info.plist", text: (v) => `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n  <key>CFBundleName</key>\n  <string>Acme</string>\n  <key>StripeSecretKey</key>\n  <string>${v}</string>\n</dict>\n</plist>\n` },
  { kind: "cratesio-token", value: "cio«A32»", file: ".cargo/credentials.toml", text: (v) => `[registry]\ntoken = "${v}"\n` },
  { kind: "github-pat", value: "ghp_«A36»", file: "internal/gh/client.go", text: (v) => `package gh\n\nimport "net/http"\n\nfunc header() http.Header {\n\treturn http.Header{"Authorization": {"token ${v}"}}\n}\n` },
  { kind: "openai-project-key", value: "sk-proj-«u74»T3BlbkFJ«u74»", file: "agents/chain.py", text: (v) => `from langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4o", temperature=0, openai_api_key="${v}")\n` },
  { kind: "bearer-token-header", value: "«A40»", file: ".cursor/mcp.json", text: (v) => `{\n  "mcpServers": {\n    "acme": {\n      "url": "https://mcp.acme.io/sse",\n      "headers": { "Authorization": "Bearer ${v}" }\n    }\n  }\n}\n` },
  { kind: "password", value: "«A10»3!", file: "config/notifier.yml", text: (v) => `smtp:\n  host: smtp.acme.io\n  user: alerts\n  pass: ${v}\n` },
  { kind: "mqtt-url", value: "mqtts://sensor:«A12»@broker.acme.io:8883", file: "firmware/settings.json", text: (v) => `{\n  "broker": "${v}",\n  "topic": "plant/1/temp"\n}\n` },
  { kind: "password", value: "«A24»", file: "scripts/flush.sh", text: (v) => `#!/bin/sh\nredis-cli -h cache.prod.acme.io -a ${v} FLUSHDB\n` },
  { kind: "password", value: "«A10»8!", file: "scripts/reboot.sh", text: (v) => `#!/bin/sh\nsshpass -p '${v}' ssh root@10.0.0.5 reboot\n` },
  { kind: "password", value: "«A14»3x", file: ".bash_history", text: (v) => `curl -u admin:${v} https://jenkins.acme.io/api/json\nls\n` },
  { kind: "anthropic-api-key", value: "sk-ant-api03-«u93»AA", file: ".claude/settings.local.json", text: (v) => `{\n  "permissions": { "allow": ["Bash(npm test)"] },\n  "env": { "ANTHROPIC_API_KEY": "${v}" }\n}\n` },
  { kind: "generic-secret", value: "«b44»", file: "docker-compose.override.yml", text: (v) => `services:\n  api:\n    environment:\n      NEXTAUTH_SECRET: "${v}"\n      NEXTAUTH_URL: http://localhost:3000\n` },
];

const HARD_CLEAN = [
  ["profile.ps1", `$env:OPENAI_API_KEY = (Get-Secret -Name OpenAI -AsPlainText)\n`],
  ["build.bat", `@echo off\nset GITHUB_TOKEN=%GH_TOKEN%\ncall npm run release\n`],
  ["firmware/config.h", `#define API_KEY_LEN 32\n#define API_KEY_ENV "API_KEY"\n#define TOKEN_HEADER "X-Token"\n`],
  [".Rprofile", `key <- Sys.getenv("OPENAI_API_KEY")\nif (identical(key, "")) stop("set OPENAI_API_KEY")\n`],
  ["config/runtime.exs", `import Config\n\nconfig :stripity_stripe, api_key: System.fetch_env!("STRIPE_SECRET_KEY")\n`],
  ["src/geocode.js", "export const url = (address) => `https://maps.googleapis.com/maps/api/geocode/json?address=${address}&key=${process.env.GOOGLE_MAPS_KEY}`;\n"],
  ["scripts/login.sh", `#!/bin/sh\ncat ~/.docker/pw | docker login -u acme --password-stdin registry.acme.io\n`],
  ["scripts/db.sh", `#!/bin/sh\nmysql -h db.prod.acme.io -u backup -p orders\n`],
  [".kube/config", `apiVersion: v1\nkind: Config\nusers:\n- name: eks\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod]\n`],
  ["redis/redis.conf", `bind 127.0.0.1\nport 6379\n# requirepass foobared\nmaxmemory 2gb\n`],
  [".my.cnf", `[client]\nuser=root\npassword=\nhost=localhost\n`],
  ["etl/load.py", `import os\n\nimport psycopg2\n\nconn = psycopg2.connect(host="db.prod.acme.io", dbname="dw", user="etl", password=os.environ["PGPASSWORD"])\n`],
  ["src/main/resources/application-dev.properties", `spring.datasource.url=jdbc:postgresql://localhost:5432/app?user=app&ssl=false\nspring.datasource.password=\${DB_PASSWORD}\n`],
  ["etl/conn.R", `con <- dbConnect(odbc::odbc(), .connection_string = "Driver={ODBC Driver 18 for SQL Server};Server=localhost;Database=dw;Trusted_Connection=yes;")\n`],
  ["docs/assets.md", "Images are served from `https://acmecdn.blob.core.windows.net/public/logo.png?v=«h8»`.\n"],
  ["docs/release.md", `Trigger a pipeline:\n\n    curl --request POST --header "PRIVATE-TOKEN: $GITLAB_TOKEN" "https://gitlab.acme.io/api/v4/projects/12/pipeline?ref=main"\n`],
  ["requests/search.http", `@apiKey = {{$dotenv SEARCH_API_KEY}}\nGET https://api.acme-search.io/v2/indexes/products/search?q=shoes\nX-API-Key: {{apiKey}}\n`],
  [".gitconfig", `[user]\n\tname = Alice\n\temail = alice@acme.io\n[credential]\n\thelper = osxkeychain\n[commit]\n\tgpgsign = true\n\tsigningkey = «H16»\n`],
  [".npmrc", `//registry.npmjs.org/:_authToken=\${NPM_TOKEN}\nengine-strict=true\n`],
  ["infra/datadog.tf", `provider "datadog" {\n  api_key = var.datadog_api_key\n  app_key = var.datadog_app_key\n}\n`],
  ["inventory/hosts.ini", `[db]\ndb1 ansible_host=10.0.0.5 ansible_user=root ansible_password="{{ vault_root_password }}"\n`],
  ["src/main/java/com/acme/Vendor.java", `package com.acme;\n\nclass Vendor {\n    @Value("\${vendor.api-key}")\n    private String apiKey;\n}\n`],
  ["ecs/task-definition.json", `{\n  "containerDefinitions": [\n    {\n      "name": "api",\n      "secrets": [\n        { "name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/prod/db_password" }\n      ]\n    }\n  ]\n}\n`],
  ["README.md", "```sh\ndocker run -d -e POSTGRES_PASSWORD -e POSTGRES_USER=app -p 5432:5432 postgres:16\n```\n"],
  ["deploy/upgrade.sh", `#!/bin/sh\nhelm upgrade --install api ./charts/api --set secrets.stripeKey="$STRIPE_KEY"\n`],
  ["cloud-init/user-data.yml", `#cloud-config\nusers:\n  - name: deploy\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43» deploy@ci\n`],
  ["deploy/api.service", `[Service]\nEnvironmentFile=/etc/acme/api.env\nExecStart=/usr/bin/node /srv/api/server.js\n`],
  ["crontab", `0 * * * * curl -fsS -H "Authorization: Bearer $(cat /run/secrets/api_token)" https://api.acme.io/v1/sync\n`],
  ["logs/requests.log", `{"ts":"2026-11-30T10:01:02Z","level":"debug","path":"/login","body":{"email":"ops@acme.io","password":"[REDACTED]"},"headers":{"authorization":"Bearer ***"}}\n`],
  ["logs/worker-error.log", `sqlalchemy.exc.OperationalError: could not connect to postgresql://app:***@db-prod-1.internal.acme.io:5432/app\n`],
  ["postman/acme.postman_collection.json", `{\n  "auth": { "type": "bearer", "bearer": [ { "key": "token", "value": "{{token}}", "type": "string" } ] }\n}\n`],
  [".vscode/settings.json", `{\n  "sqltools.connections": [ { "name": "prod", "server": "db.prod.acme.io", "username": "ro", "askForPassword": true } ]\n}\n`],
  ["notes/prefixes.md", `| vendor | prefix | length |\n| --- | --- | --- |\n| GitHub | ghp_ | 40 |\n| OpenAI | sk-proj- | 164 |\n`],
  ["config/mail.yml", `mailer:\n  url: smtp://localhost:1025\n`],
  ["ios/push.yml", `apns_key_path: ./AuthKey_4X7K2P9Q3M.p8\napns_key_id: 4X7K2P9Q3M\napns_team_id: «U10»\n`],
  ["keys/deploy.pub", `---- BEGIN SSH2 PUBLIC KEY ----\nComment: "deploy"\n«b64»\n«b64»\n«b40»==\n---- END SSH2 PUBLIC KEY ----\n`],
  ["requests/session.http", `GET https://app.acme.io/api/me\nCookie: session={{session}}\n`],
  [".zsh_history", `: 1733050000:0;aws configure set region us-east-1\n: 1733050010:0;aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/alice --token-code 123456\n`],
  ["scripts/bootstrap.sh", `#!/bin/sh\ngh auth login --with-token < ~/.config/acme/gh-token\n`],
  [".m2/settings.xml", `<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>ci</username>\n      <password>\${env.NEXUS_PASSWORD}</password>\n    </server>\n  </servers>\n</settings>\n`],
  ["NuGet.Config", `<configuration>\n  <packageSourceCredentials>\n    <acme>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="%NUGET_PAT%" />\n    </acme>\n  </packageSourceCredentials>\n</configuration>\n`],
  ["gradle.properties", `org.gradle.jvmargs=-Xmx2g\nsigning.keyId=«H8»\nsigning.secretKeyRingFile=/home/ci/.gnupg/secring.gpg\n`],
  ["ios/Config/Release.xcconfig", `PRODUCT_BUNDLE_IDENTIFIER = io.acme.app\nAPI_SECRET = $(API_SECRET_FROM_CI)\n`],
  ["ios/App/Info.plist", `<plist version="1.0">\n<dict>\n  <key>StripePublishableKey</key>\n  <string>pk_live_«A99»</string>\n</dict>\n</plist>\n`],
  [".cargo/config.toml", `[registries.acme]\nindex = "sparse+https://cargo.acme.io/index/"\ncredential-provider = "cargo:token"\n`],
  ["internal/gh/client.go", `package gh\n\nimport (\n\t"net/http"\n\t"os"\n)\n\nfunc set(req *http.Request) { req.Header.Set("Authorization", "token "+os.Getenv("GITHUB_TOKEN")) }\n`],
  ["agents/chain.py", `import os\n\nfrom langchain_openai import ChatOpenAI\nfrom pydantic import SecretStr\n\nllm = ChatOpenAI(model="gpt-4o", api_key=SecretStr(os.environ["OPENAI_API_KEY"]))\n`],
  [".cursor/mcp.json", `{\n  "mcpServers": {\n    "acme": { "url": "https://mcp.acme.io/sse", "headers": { "Authorization": "Bearer \${env:ACME_TOKEN}" } }\n  }\n}\n`],
  ["firmware/settings.json", `{\n  "broker": "mqtt://broker.hivemq.com:1883",\n  "topic": "plant/1/temp"\n}\n`],
  ["scripts/flush.sh", `#!/bin/sh\nREDISCLI_AUTH="$(cat /run/secrets/redis)" redis-cli -h cache.prod.acme.io FLUSHDB\n`],
  ["scripts/reboot.sh", `#!/bin/sh\nsshpass -f ~/.ssh/pass ssh root@10.0.0.5 reboot\n`],
  ["scripts/jenkins.sh", `#!/bin/sh\ncurl -u "$JENKINS_USER:$JENKINS_TOKEN" https://jenkins.acme.io/api/json\n`],
  ["docs/changes.md", `See https://github.com/acme/api/commit/«h40» and https://github.com/acme/api/pull/412.\n`],
  [".env", `WEBHOOK_SECRET_HEADER=X-Hub-Signature-256\nPASSWORD_MIN_LENGTH=12\nTOKEN_TTL_SECONDS=3600\n`],
  ["config/security.yml", `password:\n  min_length: 12\n  reset_token_ttl: 3600\n  pattern: "^(?=.*[A-Z])(?=.*\\\\d).{12,}$"\n`],
  ["docs/oauth.md", "The token endpoint answers:\n\n```json\n{ \"access_token\": \"<ACCESS_TOKEN>\", \"token_type\": \"Bearer\", \"expires_in\": 3600, \"refresh_token\": \"<REFRESH_TOKEN>\" }\n```\n"],
  ["k8s/dev-secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: dev-db\ntype: Opaque\ndata:\n  username: YWRtaW4=\n  password: Y2hhbmdlbWU=\n`],
  [".docker/config.json", `{\n  "auths": { "ghcr.io": {}, "https://index.docker.io/v1/": {} },\n  "credsStore": "osxkeychain"\n}\n`],
  [".claude/settings.json", `{\n  "env": { "ANTHROPIC_BASE_URL": "https://llm-proxy.acme.io", "CLAUDE_CODE_USE_BEDROCK": "0" },\n  "apiKeyHelper": "~/bin/get-anthropic-key.sh"\n}\n`],
  ["docker-compose.override.yml", `services:\n  api:\n    environment:\n      NEXTAUTH_SECRET: \${NEXTAUTH_SECRET:?set it in .env.local}\n      NEXTAUTH_URL: http://localhost:3000\n`],
];

// ---------------------------------------------------------------------------
// Third batch (written after the development half's classes were fixed, so after parts of the rules
// were read: the generic assignment's judgement, the .env policy's code, vendor-named-secret): the
// vendors agents' developers meet beyond the first batch's, each in one context, and look-alikes of
// encrypted, templated and public values. Scored untouched before any change it led to.

const THIRD_SECRETS = [
  { kind: "tavily-api-key", value: "tvly-«A32»", file: "agents/search_tool.py", text: (v) => `from tavily import TavilyClient\n\ntavily = TavilyClient(api_key="${v}")\n` },
  { kind: "firecrawl-api-key", value: "fc-«h32»", file: "scraper/.env", text: (v) => `FIRECRAWL_API_KEY=${v}\nCRAWL_LIMIT=50\n` },
  { kind: "e2b-api-key", value: "e2b_«h40»", file: "sandbox/run.ts", text: (v) => `import { Sandbox } from "@e2b/code-interpreter";\n\nconst sbx = await Sandbox.create({ apiKey: "${v}" });\n` },
  { kind: "browserbase-api-key", value: "bb_live_«u27»", file: "browser/config.json", text: (v) => `{\n  "projectId": "«h8»-«h4»-«h4»-«h4»-«h12»",\n  "apiKey": "${v}"\n}\n` },
  { kind: "fireworks-api-key", value: "fw_«A24»", file: "llm/providers.yaml", text: (v) => `providers:\n  fireworks:\n    base_url: https://api.fireworks.ai/inference/v1\n    api_key: ${v}\n` },
  { kind: "cerebras-api-key", value: "csk-«a48»", file: ".envrc", text: (v) => `export CEREBRAS_API_KEY=${v}\n` },
  { kind: "llamacloud-api-key", value: "llx-«A48»", file: "rag/ingest.py", text: (v) => `import os\n\nos.environ["LLAMA_CLOUD_API_KEY"] = "${v}"\n` },
  { kind: "voyage-api-key", value: "pa-«u43»", file: "rag/embed.ts", text: (v) => `const voyage = new VoyageAIClient({ apiKey: "${v}" });\n` },
  { kind: "wandb-api-key", value: "«h40»", file: "train/.netrc", text: (v) => `machine api.wandb.ai\n  login user\n  password ${v}\n` },
  { kind: "kaggle-key", value: "«h32»", file: ".kaggle/kaggle.json", text: (v) => `{"username":"acme-ml","key":"${v}"}\n` },
  { kind: "supabase-management-token", value: "sbp_«h40»", file: ".github/workflows/migrate.yml", text: (v) => `name: migrate\non: push\njobs:\n  migrate:\n    runs-on: ubuntu-latest\n    env:\n      SUPABASE_ACCESS_TOKEN: ${v}\n    steps:\n      - run: supabase db push\n` },
  { kind: "supabase-secret-key", value: "sb_secret_«u32»", file: "server/supabase.ts", text: (v) => `import { createClient } from "@supabase/supabase-js";\n\nexport const admin = createClient("https://«l20».supabase.co", "${v}");\n` },
  { kind: "resend-api-key", value: "re_«A8»_«A24»", file: "emails/send.ts", text: (v) => `import { Resend } from "resend";\n\nconst resend = new Resend("${v}");\n` },
  { kind: "planetscale-password", value: "pscale_pw_«u43»", file: "db/.env.production", text: (v) => `DATABASE_HOST=aws.connect.psdb.cloud\nDATABASE_USERNAME=«a12»\nDATABASE_PASSWORD=${v}\n` },
  { kind: "render-api-key", value: "rnd_«A32»", file: "scripts/deploy-render.sh", text: (v) => `#!/bin/sh\ncurl -X POST https://api.render.com/v1/services/srv-«a20»/deploys -H "Authorization: Bearer ${v}"\n` },
  { kind: "cloudinary-url", value: "cloudinary://«d15»:«u27»@acme", file: "config/storage.yml", text: (v) => `cloudinary:\n  service: Cloudinary\n  url: ${v}\n` },
  { kind: "sentry-dsn-with-secret", value: "https://«h32»:«h32»@sentry.acme.io/4", file: "config/sentry.py", text: (v) => `import sentry_sdk\n\nsentry_sdk.init(dsn="${v}", traces_sample_rate=0.1)\n` },
  { kind: "okta-api-token", value: "00«u40»", file: "okta/terraform.tfvars", text: (v) => `okta_org_name = "acme"\nokta_base_url = "okta.com"\nokta_api_token = "${v}"\n` },
  { kind: "auth0-client-secret", value: "«u64»", file: "auth/auth0.json", text: (v) => `{\n  "domain": "acme.us.auth0.com",\n  "clientId": "«A32»",\n  "clientSecret": "${v}"\n}\n` },
  { kind: "fcm-server-key", value: "AAAA«u7»:APA91b«u134»", file: "push/send.php", text: (v) => `<?php\n$headers = ['Authorization: key=${v}', 'Content-Type: application/json'];\n` },
  { kind: "bitbucket-app-password", value: "ATBB«A32»«H8»", file: "bitbucket/clone.sh", text: (v) => `#!/bin/sh\ngit clone https://acme-bot:${v}@bitbucket.org/acme/api.git\n` },
  { kind: "zendesk-api-token", value: "«A40»", file: "support/zendesk.rb", text: (v) => `ZendeskAPI::Client.new do |config|\n  config.url = "https://acme.zendesk.com/api/v2"\n  config.username = "ops@acme.io/token"\n  config.token = "${v}"\nend\n` },
  { kind: "upstash-redis-token", value: "A«A59»=", file: "edge/redis.ts", text: (v) => `import { Redis } from "@upstash/redis";\n\nexport const redis = new Redis({ url: "https://«l12»-«d5».upstash.io", token: "${v}" });\n` },
  { kind: "neon-database-url", value: "postgresql://neondb_owner:npg_«A12»@ep-«l6»-«l6»-«a8».us-east-2.aws.neon.tech/neondb?sslmode=require", file: "drizzle.config.ts", text: (v) => `import { defineConfig } from "drizzle-kit";\n\nexport default defineConfig({ dialect: "postgresql", dbCredentials: { url: "${v}" } });\n` },
  { kind: "modal-token-secret", value: "as-«A22»", file: ".modal.toml", text: (v) => `[acme]\ntoken_id = "ak-«A22»"\ntoken_secret = "${v}"\nactive = true\n` },
  { kind: "github-pat", value: "ghp_«A36»", file: ".devcontainer/devcontainer.json", text: (v) => `{\n  "name": "api",\n  "image": "mcr.microsoft.com/devcontainers/typescript-node:20",\n  "remoteEnv": { "GH_TOKEN": "${v}" }\n}\n` },
  { kind: "anthropic-api-key", value: "sk-ant-api03-«u93»AA", file: "docker-compose.agents.yml", text: (v) => `services:\n  agent:\n    image: acme/agent\n    command: ["--model", "claude-sonnet-4-5", "--api-key", "${v}"]\n` },
  { kind: "openai-project-key", value: "sk-proj-«u74»T3BlbkFJ«u74»", file: "continue/config.yaml", text: (v) => `models:\n  - name: GPT-4o\n    provider: openai\n    model: gpt-4o\n    apiKey: ${v}\n` },
  { kind: "groq-api-key", value: "gsk_«A52»", file: "aider.conf.yml", text: (v) => `model: groq/llama-3.3-70b-versatile\napi-key:\n  - groq=${v}\n` },
  { kind: "password", value: "«A10»2@", file: "k8s/postgres-values.yaml", text: (v) => `auth:\n  username: app\n  database: app\n  password: "${v}"\nprimary:\n  persistence:\n    size: 20Gi\n` },
  { kind: "password", value: "«A12»6%", file: "airflow/connections.yaml", text: (v) => `postgres_dw:\n  conn_type: postgres\n  host: dw.prod.acme.io\n  login: airflow\n  password: ${v}\n  port: 5432\n` },
  { kind: "basic-auth-url", value: "https://admin:«A14»@grafana.acme.io", file: "monitoring/provision.sh", text: (v) => `#!/bin/sh\ncurl -s -X POST ${v}/api/dashboards/db -d @dash.json\n` },
  { kind: "password", value: "«A16»", file: "traefik/dynamic.toml", text: (v) => `[http.middlewares.auth.basicAuth]\n  users = ["admin:${v}"]\n` },
  { kind: "jwt", value: "«jwt»", file: "tests/load/k6.js", text: (v) => `import http from "k6/http";\n\nconst TOKEN = "${v}";\nexport default () => http.get("https://api.acme.io/v1/me", { headers: { Authorization: \`Bearer \${TOKEN}\` } });\n` },
  { kind: "generic-secret", value: "«A48»", file: "config/secrets.yml", text: (v) => `production:\n  secret_key_base: ${v}\n` },
  { kind: "pkcs8-private-key", value: "«pemjson»", file: "config/jwt.json", text: (v) => `{\n  "issuer": "acme",\n  "privateKey": "${v}"\n}\n` },
  { kind: "aws-access-key", value: "«b40»", file: "scripts/s3_upload.rb", text: (v) => `require "aws-sdk-s3"\n\nclient = Aws::S3::Client.new(\n  region: "us-east-1",\n  credentials: Aws::Credentials.new("AKIA«U16»", "${v}")\n)\n` },
  { kind: "slack-webhook", value: "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»", file: "ops/alert.ps1", text: (v) => `$body = @{ text = "deploy finished" } | ConvertTo-Json\nInvoke-RestMethod -Uri "${v}" -Method Post -Body $body\n` },
  { kind: "telegram-bot-token", value: "«d10»:AA«u33»", file: "bots/settings.ini", text: (v) => `[telegram]\nbot = ${v}\nchat = -100«d10»\n` },
  { kind: "huggingface-token", value: "hf_«L34»", file: "Dockerfile.train", text: (v) => `FROM python:3.12\nRUN pip install huggingface_hub\nRUN huggingface-cli login --token ${v}\n` },
];

const THIRD_CLEAN = [
  ["src/main/resources/application.properties", `spring.datasource.username=app\nspring.datasource.password=ENC(«b32»)\njasypt.encryptor.algorithm=PBEWithHMACSHA512AndAES_256\n`],
  [".travis.yml", `language: node_js\nenv:\n  global:\n    - secure: "«b344»"\n`],
  ["jenkins/credentials.xml", `<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <id>deploy</id>\n  <username>deploy</username>\n  <password>{AQAAABAAAAAQ«b44»}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n`],
  ["k8s/external-secret.yaml", `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: api\nspec:\n  secretStoreRef: { name: aws, kind: ClusterSecretStore }\n  data:\n    - secretKey: OPENAI_API_KEY\n      remoteRef: { key: prod/api, property: openai_api_key }\n`],
  ["config/vault.yml", `db_password: vault:v1:«b60»\n`],
  ["data_bags/prod/db.json", `{\n  "id": "db",\n  "password": { "encrypted_data": "«b64»\\n", "iv": "«b16»\\n", "version": 1, "cipher": "aes-256-cbc" }\n}\n`],
  ["azure-pipelines.yml", `variables:\n  - group: prod-secrets\nsteps:\n  - script: ./deploy.sh\n    env:\n      API_TOKEN: $(API_TOKEN)\n`],
  ["config/app.config.transform", `<add key="ApiSecret" value="#{ApiSecret}#" />\n<add key="DbPassword" value="__DB_PASSWORD__" />\n`],
  ["templates/settings.py.j2", `SECRET_KEY = "{{ django_secret_key }}"\nDATABASES = {"default": {"PASSWORD": "{{ vault_db_password }}"}}\n`],
  ["src/config.py", `DSN = "postgresql://%(user)s:%(password)s@%(host)s/%(db)s"\n`],
  ["src/keys.py", `import secrets\n\nSECRET_KEY = secrets.token_urlsafe(50)\nAPI_TOKEN_BYTES = 32\n`],
  ["templates/base.html", `<meta name="csrf-token" content="«A40»">\n<meta name="viewport" content="width=device-width">\n`],
  ["logs/access.log", `10.0.0.7 - - [30/Nov/2026:10:01:02 +0000] "GET /oauth/callback?code=«A20»&state=«A32» HTTP/1.1" 302 0\n`],
  [".env", `NEXT_PUBLIC_VAPID_PUBLIC_KEY=B«u86»\nVAPID_SUBJECT=mailto:ops@acme.io\n`],
  ["docs/ssh.md", "Check the host key: `SHA256:«b43»` (ED25519).\n"],
  ["src/wallet.ts", `export const TREASURY_ADDRESS = "0x«h40»";\nexport const DEPLOY_TX = "0x«h64»";\n`],
  ["templates/signup.html", `<input type="password" name="password" passwordrules="minlength: 12; required: upper; required: digit;">\n`],
  ["README.md", "1. Copy `.env.example` to `.env`.\n2. Set `ANTHROPIC_API_KEY=sk-ant-api03-...` (from console.anthropic.com).\n"],
  ["config/app.yml", `api:\n  token: <PASTE_YOUR_TOKEN>\n  secret: "********"\n`],
  ["src/test/resources/application-test.yml", `spring:\n  datasource:\n    url: jdbc:h2:mem:test\n    username: sa\n    password: \n`],
  ["tests/test_client.py", `FAKE_STRIPE_KEY = "sk_live_" + "x" * 24\n\n\ndef test_masks():\n    assert mask(FAKE_STRIPE_KEY).endswith("xxxx")\n`],
  ["locales/ja.json", `{\n  "password": "パスワード",\n  "api_key": "APIキー",\n  "token_expired": "トークンの有効期限が切れました"\n}\n`],
  ["k8s/configmap-binary.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-user\ndata:\n  username: YXBwX3VzZXI=\n`],
  ["src/api/idempotency.ts", `await stripe.charges.create(params, { idempotencyKey: "«h8»-«h4»-«h4»-«h4»-«h12»" });\n`],
  ["api/response.json", `{\n  "id": "evt_«A24»",\n  "etag": "\\"«h32»\\"",\n  "request_id": "req_«A14»"\n}\n`],
  [".well-known/jwks.json", `{\n  "keys": [ { "kty": "EC", "crv": "P-256", "kid": "«h8»", "x": "«u43»", "y": "«u43»", "use": "sig" } ]\n}\n`],
  ["scripts/gen_password.py", `import secrets\nimport string\n\nALPHABET = string.ascii_letters + string.digits + "!@#$%"\npassword = "".join(secrets.choice(ALPHABET) for _ in range(20))\n`],
  ["config/settings.ini", `[auth]\npassword_reset_url = https://app.acme.io/reset\ntoken_ttl = 3600\nsecret_rotation_days = 90\n`],
  ["terraform/outputs.tf", `output "db_password" {\n  value     = random_password.db.result\n  sensitive = true\n}\n`],
  ["src/oauth.go", `package oauth\n\nconst (\n\tTokenURL = "https://oauth2.googleapis.com/token"\n\tAuthURL  = "https://accounts.google.com/o/oauth2/auth"\n\tGrantType = "authorization_code"\n)\n`],
  [".github/dependabot.yml", `version: 2\nregistries:\n  npm-acme:\n    type: npm-registry\n    url: https://npm.acme.io\n    token: \${{secrets.ACME_NPM_TOKEN}}\n`],
  ["docs/api.md", "```sh\ncurl https://api.acme.io/v1/orders -H \"Authorization: Bearer $ACME_TOKEN\"\n```\n"],
  ["src/crypto.ts", `// AES-256 test vector from NIST SP 800-38A, F.5.5\nexport const KEY = "«doc:nist-sp800-38a-aes256-key»";\nexport const IV = "000102030405060708090a0b0c0d0e0f";\n`],
  ["docs/hmac.md", "RFC 4231 test case 2: key `Jefe`, data `what do ya want for nothing?`.\n"],
  ["src/stripe.js", `const stripe = require("stripe")(process.env.STRIPE_SECRET_KEY ?? "sk_test_placeholder");\n`],
  ["deploy/values-prod.yaml", `secrets:\n  openaiApiKey: ""  # set by the pipeline from Vault\n  databaseUrl: ""\n`],
  ["notebooks/eda.ipynb", `{\n "cells": [\n  { "cell_type": "code", "metadata": {}, "outputs": [], "source": ["import getpass\\n", "key = getpass.getpass(\\"OpenAI key: \\")"] }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`],
  ["src/Settings.kt", `data class Settings(val apiKey: String = System.getenv("API_KEY") ?: "", val timeoutMs: Long = 30_000)\n`],
  ["src/lib.rs", `const SALT_LEN: usize = 16;\nconst NONCE: [u8; 12] = [0u8; 12];\n`],
  ["config/credentials/development.yml", `aws:\n  access_key_id: <%= ENV["AWS_ACCESS_KEY_ID"] %>\n  secret_access_key: <%= ENV["AWS_SECRET_ACCESS_KEY"] %>\n`],
];

// ---------------------------------------------------------------------------

const pad = (n) => String(n).padStart(3, "0");

function shapesFor(secret) {
  switch (secret.cat) {
    case "pem":
      return PEM_SHAPES.map((s) => () => s(secret.name, secret.value));
    case "pair":
      return PAIR_SHAPES.map((s) => () => s(secret.id, secret.value));
    case "gcp":
      return GCP_SHAPES.map((s) => () => s(secret.value));
    case "kube":
      return KUBE_SHAPES.map((s) => () => s(secret.value));
    case "dockercfg":
      return DOCKERCFG_SHAPES.map((s) => () => s(secret.value));
    case "bearer":
      return BEARER_SHAPES.map((s) => () => s(secret.value));
    case "basic":
      return BASIC_SHAPES.map((s) => () => s(secret.value));
    case "url":
      return [...URL_SHAPES.map((s) => () => s(secret.name, secret.value)), ...A.map((s) => () => s(secret.name, secret.value))];
    default: {
      const own = (TOOL_SHAPES[secret.kind] ?? []).map((s) => () => s(secret.value));
      // A file in the tool's own place first, then assignments in every file type.
      return [...own, ...own, ...A.map((s) => () => s(secret.name, secret.value))];
    }
  }
}

/** The labeled line range of a value in the expanded text of a template. */
function lineRange(path, content, value) {
  const at = content.indexOf(value);
  if (at < 0) throw new Error(`value not in ${path}`);
  // Expansion draws in order, so a prefix expands as it does inside the whole template.
  const before = expandLabeled2File(path, content.slice(0, at));
  const through = expandLabeled2File(path, content.slice(0, at + value.length));
  const line = before.split("\n").length;
  return { line, endLine: through.split("\n").length };
}

export function buildCorpus() {
  const r = prng("labeled2-corpus-v1");
  const files = [];
  let n = 0;
  const perKind = 310 / SECRETS.length;
  let budget = 0;
  SECRETS.forEach((secret) => {
    budget += perKind;
    const shapes = shapesFor(secret);
    const used = new Set();
    while (n < Math.round(budget)) {
      let s = pick(r, shapes);
      for (let t = 0; t < 4 && used.has(s); t++) s = pick(r, shapes);
      used.add(s);
      const [file, content] = s();
      const id = `s${pad(++n)}`;
      const path = `${id}/${file}`;
      const value = secret.cat === "pair" ? secret.id : secret.value;
      const { line } = lineRange(path, content, value);
      const { endLine } = lineRange(path, content, secret.value);
      files.push({ id, path, content, label: "secret", kind: secret.kind, line, endLine, half: halfOf(id) });
    }
  });
  let m = 0;
  for (const [cls, count] of Object.entries(CLEAN_COUNTS)) {
    for (let i = 0; i < count; i++) {
      const [file, content] = CLEAN[cls](i, r);
      const id = `c${pad(++m)}`;
      files.push({ id, path: `${id}/${file}`, content, label: "clean", kind: cls, half: halfOf(id) });
    }
  }
  // The second batch: ids go on after the first batch's.
  for (const h of HARD_SECRETS) {
    const id = `s${pad(++n)}`;
    const path = `${id}/${h.file}`;
    const content = h.text(h.value);
    const { line, endLine } = lineRange(path, content, h.value);
    files.push({ id, path, content, label: "secret", kind: h.kind, line, endLine, half: halfOf(id) });
  }
  for (const [file, content] of HARD_CLEAN) {
    const id = `c${pad(++m)}`;
    files.push({ id, path: `${id}/${file}`, content, label: "clean", kind: "hard-context", half: halfOf(id) });
  }
  // The third batch: ids go on again.
  for (const h of THIRD_SECRETS) {
    const id = `s${pad(++n)}`;
    const path = `${id}/${h.file}`;
    const content = h.text(h.value);
    const { line, endLine } = lineRange(path, content, h.value);
    files.push({ id, path, content, label: "secret", kind: h.kind, line, endLine, half: halfOf(id) });
  }
  for (const [file, content] of THIRD_CLEAN) {
    const id = `c${pad(++m)}`;
    files.push({ id, path: `${id}/${file}`, content, label: "clean", kind: "third-batch", half: halfOf(id) });
  }
  return files;
}

/** The labels manifest for these files. */
export function labelsOf(files) {
  return `${JSON.stringify(
    {
      description:
        "Second labeled corpus, written blind (scripts/gen-labeled2.mjs). Files are templates: expandLabeled2File() gives the text scanned; every secret in it is fake. line..endLine: where the secret is, 1-based, in the expanded text. half: dev (development) or eval (evaluation, never read for misses).",
      files: files.map(({ path, label, kind, line, endLine, half }) => (label === "secret" ? { path, label, kind, line, endLine, half } : { path, label, kind, half })),
    },
    null,
    1,
  )}\n`;
}

/** The paths whose committed content differs from what the generator makes (empty: up to date). */
export function staleFiles(dir = LABELED2_DIR) {
  const files = buildCorpus();
  return staleCorpusFiles(dir, files, labelsOf(files));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runCorpusCommand({
    argv: process.argv,
    dir: LABELED2_DIR,
    name: "test/labeled2",
    script: "scripts/gen-labeled2.mjs",
    buildCorpus,
    labelsOf,
    expand: expandLabeled2File,
    summary: (files) => {
      const secrets = files.filter((f) => f.label === "secret");
      const types = new Set(files.map((f) => f.path.replace(/^.*\//, "").replace(/^[^.]*(?=\.)/, "")));
      const halves = (label) => ["dev", "eval"].map((h) => files.filter((f) => f.label === label && f.half === h).length).join("/");
      return `test/labeled2: ${secrets.length} files with a secret (dev/eval ${halves("secret")}), ${files.length - secrets.length} without (${halves("clean")}), ${new Set(secrets.map((f) => f.kind)).size} kinds, ${types.size} file names`;
    },
  });
}
