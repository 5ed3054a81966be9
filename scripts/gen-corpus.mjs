// Generates the labeled corpus the scanner is measured on (test/corpus/):
// files that hold a secret (secret/) and look-alikes that do not (clean/),
// across many file types, with labels.json naming each file's label and kind.
//
// The files are committed as templates: a fake secret is written `«A36»` (36
// random letters and digits), `«jwt»`, `«pem:RSA PRIVATE KEY»`, ... (see
// test/helpers/fake-secrets.mjs), and expandCorpusFile() turns a template into
// the text that is scanned, deterministically (seeded by the file's path). So
// no token-shaped string is in the repository: neither the project's own
// pre-commit hook nor a host's push protection sees one, and the corpus still
// reads like the real files it stands for.
//
//   node scripts/gen-corpus.mjs            write test/corpus/
//   node scripts/gen-corpus.mjs --check    exit 1 if test/corpus/ is out of date
//   node scripts/gen-corpus.mjs --expand DIR   write the expanded corpus to DIR
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake } from "../test/helpers/fake-secrets.mjs";
import { camel, runCorpusCommand, snake, staleCorpusFiles } from "./generated-corpus.mjs";

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../test/corpus");

/** The text a corpus file stands for: its template with every fake secret expanded. */
export function expandCorpusFile(path, template) {
  return expandFake(template, `corpus:${path}`);
}

// ---------------------------------------------------------------------------
// Secrets: a kind, the variable a project would keep it in, and the value.

const SECRETS = [
  { kind: "openai-api-key", name: "OPENAI_API_KEY", value: "sk-proj-«u74»T3BlbkFJ«u74»" },
  { kind: "openai-api-key", name: "OPENAI_API_KEY", value: "sk-«A20»T3BlbkFJ«A20»" },
  { kind: "anthropic-api-key", name: "ANTHROPIC_API_KEY", value: "sk-ant-api03-«u93»AA" },
  { kind: "aws-access-key-id", name: "AWS_ACCESS_KEY_ID", value: "AKIA«216»" },
  { kind: "aws-secret-access-key", name: "AWS_SECRET_ACCESS_KEY", value: "«b40»" },
  { kind: "github-token", name: "GITHUB_TOKEN", value: "ghp_«A36»" },
  { kind: "github-fine-grained-pat", name: "GH_PAT", value: "github_pat_«A22»_«A59»" },
  { kind: "github-app-token", name: "GITHUB_INSTALLATION_TOKEN", value: "ghs_«A36»" },
  { kind: "gitlab-pat", name: "GITLAB_TOKEN", value: "glpat-«u20»" },
  { kind: "slack-token", name: "SLACK_BOT_TOKEN", value: "xoxb-«d12»-«d13»-«A24»" },
  { kind: "slack-webhook", name: "SLACK_WEBHOOK_URL", value: "https://hooks.slack.com/services/T«U8»/B«U10»/«A24»" },
  { kind: "stripe-secret-key", name: "STRIPE_SECRET_KEY", value: "sk_live_«A24»" },
  { kind: "stripe-secret-key", name: "STRIPE_RESTRICTED_KEY", value: "rk_live_«A99»" },
  { kind: "google-api-key", name: "GOOGLE_MAPS_KEY", value: "AIza«u35»" },
  { kind: "twilio-api-key", name: "TWILIO_API_KEY", value: "SK«h32»" },
  { kind: "twilio-auth-token", name: "TWILIO_AUTH_TOKEN", value: "«h32»" },
  { kind: "sendgrid-api-key", name: "SENDGRID_API_KEY", value: "SG.«u22».«u43»" },
  { kind: "huggingface-token", name: "HF_TOKEN", value: "hf_«L34»" },
  { kind: "npm-token", name: "NPM_TOKEN", value: "npm_«A36»" },
  { kind: "telegram-bot-token", name: "TELEGRAM_BOT_TOKEN", value: "«d10»:AA«u33»" },
  { kind: "discord-bot-token", name: "DISCORD_TOKEN", value: "«discord»" },
  { kind: "discord-webhook", name: "DISCORD_WEBHOOK_URL", value: "https://discord.com/api/webhooks/«d18»/«u68»" },
  { kind: "jwt", name: "SUPABASE_SERVICE_ROLE_KEY", value: "«jwt»" },
  { kind: "database-url", name: "DATABASE_URL", value: "postgres://app_user:«A20»@db.prod.internal:5432/app" },
  { kind: "database-url", name: "MONGO_URI", value: "mongodb+srv://admin:«A16»@cluster0.ab1cd.mongodb.net/prod?retryWrites=true" },
  { kind: "database-url", name: "REDIS_URL", value: "redis://default:«a24»@redis-12345.cloud.example.net:6379" },
  { kind: "generic-secret", name: "CLIENT_SECRET", value: "«A32»" },
  { kind: "generic-secret", name: "API_KEY", value: "«h32»" },
  { kind: "generic-secret", name: "SESSION_SECRET", value: "«b48»" },
  { kind: "generic-secret", name: "ENCRYPTION_KEY", value: "«h64»" },
  { kind: "generic-secret", name: "DB_PASSWORD", value: "«A7»!«d2»«L3»" },
  { kind: "generic-secret", name: "SMTP_PASSWORD", value: "«A5»#«A6»" },
  { kind: "generic-secret", name: "WEBHOOK_SECRET", value: "«u40»" },
  { kind: "generic-secret", name: "JWT_SIGNING_KEY", value: "«b64»" },
];


// ---------------------------------------------------------------------------
// File shapes: how a project writes a NAME and its VALUE, per file type. Each
// returns [file name, content]. Surrounding code is ordinary, so the scanner
// sees realistic context, not a bare assignment.

const SHAPES = [
  (n, v) => ["settings.py", `"""Service settings."""\nimport os\n\nDEBUG = False\nALLOWED_HOSTS = ["api.example.com"]\n${n} = "${v}"\nTIMEOUT_SECONDS = 30\n`],
  (n, v) => ["client.py", `import requests\n\n\ndef make_client():\n    session = requests.Session()\n    session.headers["User-Agent"] = "acme/1.0"\n    ${snake(n)} = '${v}'\n    return Client(${snake(n)}=${snake(n)}, session=session)\n`],
  (n, v) => ["config.js", `module.exports = {\n  port: 8080,\n  ${camel(n)}: "${v}",\n  logLevel: "info",\n};\n`],
  (n, v) => ["index.ts", `import { createServer } from "node:http";\n\nconst ${camel(n)} = "${v}";\n\nexport function start(port = 3000) {\n  return createServer((req, res) => res.end("ok")).listen(port);\n}\n`],
  (n, v) => ["main.go", `package main\n\nimport "fmt"\n\nconst ${camel(n)} = "${v}"\n\nfunc main() {\n\tfmt.Println("starting")\n}\n`],
  (n, v) => ["AppConfig.java", `package com.acme.app;\n\npublic final class AppConfig {\n    public static final String ${n} = "${v}";\n    public static final int RETRIES = 3;\n}\n`],
  (n, v) => ["config.yaml", `service:\n  name: billing\n  replicas: 2\ncredentials:\n  ${snake(n)}: ${v}\n`],
  (n, v) => ["docker-compose.yml", `services:\n  web:\n    image: acme/web:1.4\n    environment:\n      - ${n}=${v}\n      - NODE_ENV=production\n`],
  (n, v) => ["appsettings.json", `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "${camel(n)}": "${v}",\n  "AllowedHosts": "*"\n}\n`],
  (n, v) => ["prod.env", `# production\n${n}=${v}\n`],
  (n, v) => ["main.tf", `provider "acme" {\n  region = "eu-west-1"\n  ${snake(n)} = "${v}"\n}\n`],
  (n, v) => ["Dockerfile", `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nENV ${n}=${v}\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n`],
  (n, v) => ["SETUP.md", `# Setup\n\nExport the key before running the service:\n\n\`\`\`bash\nexport ${n}=${v}\nnpm start\n\`\`\`\n`],
  (n, v) => ["app.ini", `[server]\nhost = 0.0.0.0\nport = 8000\n\n[auth]\n${snake(n)} = ${v}\n`],
  (n, v) => ["config.toml", `title = "acme"\n\n[api]\n${snake(n)} = "${v}"\ntimeout = 10\n`],
  (n, v) => ["deploy.sh", `#!/usr/bin/env bash\nset -euo pipefail\nexport ${n}="${v}"\n./bin/migrate && ./bin/start\n`],
  (n, v) => ["application.properties", `server.port=8080\nspring.application.name=billing\napp.${camel(n)}=${v}\n`],
  (n, v) => ["settings.rb", `module Acme\n  class Settings\n    ${n} = '${v}'.freeze\n  end\nend\n`],
  (n, v) => ["config.php", `<?php\nreturn [\n    'debug' => false,\n    '${snake(n)}' => '${v}',\n];\n`],
  (n, v) => ["Program.cs", `namespace Acme;\n\npublic static class Secrets\n{\n    public const string ${camel(n).replace(/^./, (c) => c.toUpperCase())} = "${v}";\n}\n`],
  (n, v) => ["config.rs", `pub const ${n}: &str = "${v}";\npub const RETRIES: u32 = 3;\n`],
  (n, v) => ["Config.kt", `object Config {\n    val ${camel(n)} = "${v}"\n}\n`],
  (n, v) => ["values.yaml", `replicaCount: 1\nimage:\n  repository: acme/api\nsecrets:\n  ${camel(n)}: "${v}"\n`],
  (n, v) => ["notebook.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    "import os\\n",\n    "${n} = \\"${v}\\"\\n"\n   ]\n  }\n ],\n "nbformat": 4\n}\n`],
  (n, v) => ["web.config", `<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <${camel(n)}>${v}</${camel(n)}>\n  </appSettings>\n</configuration>\n`],
  (n, v) => ["Makefile", `deploy:\n\t${n}=${v} ./scripts/deploy.sh\n`],
  (n, v) => ["server.log", `2024-05-01T10:00:00Z INFO starting worker\n2024-05-01T10:00:01Z DEBUG loaded env ${n}=${v}\n2024-05-01T10:00:02Z INFO ready\n`],
];

const ENV_SHAPE = SHAPES.find((shape) => shape("N", "v")[0].endsWith(".env"));

// Whole files that are a secret by themselves.
const WHOLE_FILES = [
  { kind: "private-key", file: "id_rsa", content: "«pem:RSA PRIVATE KEY»\n" },
  { kind: "private-key", file: "server.key", content: "«pem:PRIVATE KEY»\n" },
  { kind: "private-key", file: "ec.pem", content: "«pem:EC PRIVATE KEY»\n" },
  { kind: "private-key", file: "signing.asc", content: "«pem:PGP PRIVATE KEY BLOCK»\n" },
  { kind: "openssh-private-key", file: "id_ed25519", content: "«sshkey»\n" },
  { kind: "openssh-private-key", file: "deploy_key", content: "«sshkey»\n" },
  { kind: "gcp-service-account", file: "service-account.json", content: '{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "«h40»",\n  "private_key": "«pemjson»",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",\n  "client_id": "«d21»"\n}\n' },
  { kind: "gcp-service-account", file: "gcp-key.json", content: '{"type": "service_account", "project_id": "acme-dev", "private_key_id": "«h40»", "private_key": "«pemjson»", "client_email": "ci@acme-dev.iam.gserviceaccount.com"}\n' },
  { kind: "npm-token", file: ".npmrc", content: "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=npm_«A36»\n" },
  { kind: "npmrc-auth-token", file: "npmrc", content: "@acme:registry=https://npm.acme.example/\n//npm.acme.example/:_authToken=«h8»-«h4»-«h4»-«h4»-«h12»\n" },
  { kind: "private-key", file: "tls.yaml", content: "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\nstringData:\n  tls.key: |\n    «pem:RSA PRIVATE KEY»\n" },
  { kind: "authorization-header", file: "api.http", content: "GET https://api.acme.example/v1/invoices\nAuthorization: Bearer «A40»\nAccept: application/json\n" },
  { kind: "authorization-header", file: "fetch.sh", content: "#!/bin/sh\ncurl -s -H 'Authorization: token «h40»' https://api.github.example/repos/acme/app\n" },
  { kind: "slack-token", file: "slack.py", content: "from slack_sdk import WebClient\n\nclient = WebClient(token='xoxp-«d12»-«d12»-«d13»-«h32»')\n" },
  { kind: "jwt", file: "request.http", content: "POST https://api.acme.example/graphql\nContent-Type: application/json\nAuthorization: Bearer «jwt»\n\n{}\n" },
  { kind: "database-url", file: "alembic.ini", content: "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql+psycopg2://migrator:«A18»@10.0.4.12:5432/ledger\n" },
  { kind: "aws-access-key-id", file: "credentials", content: "[default]\naws_access_key_id = AKIA«216»\naws_secret_access_key = «b40»\nregion = us-east-1\n" },
  { kind: "generic-secret", file: "docker-compose.override.yml", content: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: «A9»%«d3»\n" },
  { kind: "generic-secret", file: "k8s-secret.yaml", content: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  api-key: «A40»\n" },
  { kind: "generic-secret", file: "terraform.tfvars", content: 'region = "eu-central-1"\ndb_password = "«A10»$«d2»"\n' },
  // Shapes where the name and the value are apart, or the value is inside a larger string.
  { kind: "generic-secret", file: "deployment.yaml", content: "containers:\n  - name: api\n    image: acme/api:2.1\n    env:\n      - name: PAYMENT_API_KEY\n        value: «A40»\n" },
  { kind: "generic-secret", file: "App.config", content: '<?xml version="1.0"?>\n<configuration>\n  <appSettings>\n    <add key="PaymentApiKey" value="«A32»" />\n  </appSettings>\n</configuration>\n' },
  { kind: "generic-secret", file: "Dockerfile.prod", content: "FROM ruby:3.3\nENV SECRET_KEY_BASE «h64»\nCMD [\"rails\", \"server\"]\n" },
  { kind: "generic-secret", file: "clone.sh", content: "#!/bin/sh\ngit clone https://deploy:«A20»@git.acme.example/platform/app.git\n" },
  { kind: "generic-secret", file: "storage.json", content: '{\n  "ConnectionStrings": {\n    "Blob": "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=«b86»==;EndpointSuffix=core.windows.net"\n  }\n}\n' },
  { kind: "generic-secret", file: "pgpass", content: "db.prod.internal:5432:ledger:ledger_rw:«A18»\n" },
  { kind: "generic-secret", file: "env.json", content: '[\n  { "name": "LOG_LEVEL", "value": "info" },\n  { "name": "CHECKOUT_SECRET", "value": "«A36»" }\n]\n' },
  { kind: "generic-secret", file: "mysql.sh", content: "#!/bin/sh\nmysql -h db.internal -u report --password=«A14» ledger < report.sql\n" },
];

// ---------------------------------------------------------------------------
// Look-alikes: files a scanner sees every day that hold no secret.

const CLEAN_ASSIGNMENTS = [
  ["OPENAI_API_KEY", "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ["OPENAI_API_KEY", "sk-...your-key..."],
  ["OPENAI_API_KEY", "<your-openai-api-key>"],
  ["ANTHROPIC_API_KEY", "${ANTHROPIC_API_KEY}"],
  ["AWS_ACCESS_KEY_ID", "«doc:aws-access-key-id»"],
  ["AWS_SECRET_ACCESS_KEY", "«doc:aws-secret-access-key»"],
  ["GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ["SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
  ["STRIPE_SECRET_KEY", "«doc:stripe-docs-test-key»"],
  ["STRIPE_PUBLISHABLE_KEY", "pk_live_«A24»"],
  ["TWILIO_ACCOUNT_SID", "AC«h32»"],
  ["GOOGLE_CLIENT_ID", "«d12»-«a32».apps.googleusercontent.com"],
  ["API_KEY", "REPLACE_ME"],
  ["API_KEY", "changeme"],
  ["CLIENT_SECRET", "your-client-secret-here"],
  ["DB_PASSWORD", "password"],
  ["DATABASE_URL", "postgres://postgres:postgres@localhost:5432/app_dev"],
  ["DATABASE_URL", "postgres://app:${DB_PASSWORD}@db:5432/app"],
  ["JWT_SECRET", "{{ .Values.jwtSecret }}"],
  ["SESSION_SECRET", "<generate with: openssl rand -hex 32>"],
  ["TOKEN_URL", "https://oauth2.googleapis.com/token"],
  ["SECRET_NAME", "prod/billing/stripe"],
  ["PASSWORD_MIN_LENGTH", "12"],
  ["MAX_TOKENS", "4096"],
  ["COMMIT_SHA", "«h40»"],
  ["BUILD_ID", "«h8»-«h4»-«h4»-«h4»-«h12»"],
  ["CHECKSUM_SHA256", "«h64»"],
  ["PUBLIC_KEY_FINGERPRINT", "SHA256:«b43»"],
  ["CACHE_KEY", "deps-«h40»"],
  ["IMAGE_DIGEST", "sha256:«h64»"],
  ["HF_TOKEN", "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ["SENDGRID_API_KEY", "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ["TELEGRAM_BOT_TOKEN", "«doc:telegram-docs-token»"],
  ["JWT", "«doc:jwt-io»"],
  ["NPM_TOKEN", "${NPM_TOKEN}"],
  ["AUTH_TOKEN_HEADER", "X-Auth-Token"],
  ["TOKEN_TYPE", "Bearer"],
];

// Code that reads secrets from elsewhere, and other everyday look-alikes.
const CLEAN_FILES = [
  ["settings.py", 'import os\n\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\nDATABASE_URL = os.getenv("DATABASE_URL", "sqlite:///dev.db")\nSECRET_KEY = get_random_secret_key()\n'],
  ["client.ts", "export const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\nconst token = await getToken();\nconst secret = config.get('auth.secret');\n"],
  ["auth.go", 'package auth\n\nimport "os"\n\nvar apiKey = os.Getenv("API_KEY")\n\nfunc Token() string { return apiKey }\n'],
  ["Auth.java", 'public class Auth {\n    private final String apiKey = System.getenv("API_KEY");\n    private String password;\n    public void setPassword(String password) { this.password = password; }\n}\n'],
  ["workflow.yml", "jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"],
  ["package-lock.json", '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/left-pad": {\n      "version": "1.3.0",\n      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",\n      "integrity": "sha512-«b86»=="\n    }\n  }\n}\n'],
  ["yarn.lock", '"left-pad@^1.3.0":\n  version "1.3.0"\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#«h40»"\n  integrity sha512-«b86»==\n'],
  ["go.sum", "github.com/acme/lib v1.2.3 h1:«b43»=\ngithub.com/acme/lib v1.2.3/go.mod h1:«b43»=\n"],
  ["Cargo.lock", '[[package]]\nname = "serde"\nversion = "1.0.197"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "«h64»"\n'],
  ["poetry.lock", '[[package]]\nname = "requests"\nversion = "2.31.0"\nfiles = [\n    {file = "requests-2.31.0.tar.gz", hash = "sha256:«h64»"},\n]\n'],
  ["id_rsa.pub", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ«b300» deploy@acme\n"],
  ["public.pem", "«pem:PUBLIC KEY»\n"],
  ["cert.pem", "«pem:CERTIFICATE»\n"],
  ["logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5zm0 7.5L4.5 6 12 2.5 19.5 6 12 9.5z"/></svg>\n'],
  ["inline.html", '<img alt="logo" src="data:image/png;base64,iVBORw0KGgo«b240»=">\n<script nonce="«b24»" src="/app.js"></script>\n'],
  ["en.json", '{\n  "login.password": "Password",\n  "login.forgot_password": "Forgot your password?",\n  "session.token_expired": "Your session has expired. Please sign in again.",\n  "api_key.label": "API key"\n}\n'],
  [".env.example", "OPENAI_API_KEY=\nDATABASE_URL=postgres://user:password@localhost:5432/app\nSECRET_KEY=change-me\nSTRIPE_SECRET_KEY=sk_live_...\n"],
  ["defaults.env", "# values come from the deployment\nAPI_KEY=${API_KEY}\nDB_PASSWORD=\nSESSION_SECRET=<set in vault>\n"],
  ["types.ts", "export interface Credentials {\n  apiKey: string;\n  password?: string;\n  token: string | undefined;\n}\nexport type SecretName = `secret/${string}`;\n"],
  ["forms.py", 'def login(request):\n    password = request.form["password"]\n    token = request.headers.get("Authorization")\n    return authenticate(password=password, token=token)\n'],
  ["test_auth.py", 'def test_rejects_wrong_password(client):\n    resp = client.post("/login", data={"password": "wrong"})\n    assert resp.status_code == 401\n'],
  ["CHANGELOG.md", "## 2.3.0\n\n- Rotate API tokens every 90 days (commit «h40»).\n- `password_reset_timeout` now defaults to 3600.\n- Fixed token refresh race (#1234).\n"],
  ["migration.sql", "CREATE TABLE api_keys (\n  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),\n  key_hash CHAR(64) NOT NULL,\n  created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n"],
  ["styles.css", ".btn-primary { color: #1a2b3c; background: url(data:image/gif;base64,R0lGODlhAQABAIAAAP«b40»==); }\n"],
  ["tsconfig.json", '{\n  "compilerOptions": { "strict": true, "target": "ES2022", "outDir": "dist" },\n  "include": ["src"]\n}\n'],
  ["nginx.conf", "server {\n  listen 443 ssl;\n  ssl_certificate /etc/ssl/certs/acme.crt;\n  ssl_certificate_key /etc/ssl/private/acme.key;\n  auth_basic_user_file /etc/nginx/.htpasswd;\n}\n"],
  ["main.tf", 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "aws_db_instance" "main" {\n  password = var.db_password\n}\n'],
  ["k8s-deployment.yaml", "env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai\n        key: api-key\n"],
  ["Dockerfile", "FROM python:3.12-slim\nARG PIP_INDEX_URL\nENV PYTHONUNBUFFERED=1\nRUN --mount=type=secret,id=npm_token cat /run/secrets/npm_token > /dev/null\n"],
  ["values.yaml", 'auth:\n  existingSecret: "api-credentials"\n  secretKeys:\n    adminPasswordKey: admin-password\n'],
  ["README.md", "## Configuration\n\nSet `OPENAI_API_KEY` in your environment (see `.env.example`). Keys look like `sk-...`.\n\n```bash\nexport OPENAI_API_KEY=<your key>\n```\n"],
  ["webpack-stats.json", '{"hash":"«h20»","chunks":[{"id":"main","hash":"«h20»","files":["main.«h8».js"]}]}\n'],
  ["uuid-fixtures.json", '[\n  {"id": "«h8»-«h4»-4«h3»-a«h3»-«h12»", "name": "alice"},\n  {"id": "«h8»-«h4»-4«h3»-b«h3»-«h12»", "name": "bob"}\n]\n'],
  ["git-log.txt", "commit «h40»\nAuthor: Dev <dev@example.com>\n\n    Bump version\n\ncommit «h40»\nMerge: «h7» «h7»\n"],
  ["agent.lock.bak", '{\n  "backpack": "agent.lock",\n  "version": 2,\n  "cipher": "aes-256-gcm-hsiv",\n  "key": "«h16»",\n  "layers": {\n    "credentials": "v2.j.«u120»",\n    "personality": "v2.j.«u80»",\n    "memory": "v2.z.«u160»"\n  }\n}\n'],
  ["i18n.properties", "login.password=Password\nlogin.token.invalid=The token is invalid\napi.key.hint=Paste your API key here\n"],
  ["Secrets.kt", 'object Secrets {\n    val apiKey: String = BuildConfig.API_KEY\n    val password by lazy { System.getenv("DB_PASSWORD") }\n}\n'],
  ["keys.rb", "API_KEY = ENV.fetch('API_KEY')\nSECRET = Rails.application.credentials.secret_key_base\n"],
  ["vault.php", "<?php\n$apiKey = getenv('API_KEY');\n$password = $_ENV['DB_PASSWORD'] ?? '';\n"],
  ["Settings.cs", 'public class Settings {\n    public string ApiKey { get; set; } = Environment.GetEnvironmentVariable("API_KEY");\n    public string Password => Configuration["Db:Password"];\n}\n'],
  ["crypto.rs", 'let key = std::env::var("ENCRYPTION_KEY").expect("ENCRYPTION_KEY");\nlet nonce = Nonce::from_slice(&bytes[..12]);\n'],
  ["hash.go", 'package fixtures\n\nconst emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"\nconst goldenDigest = "«h64»"\n'],
  ["ci.sh", '#!/usr/bin/env bash\ncurl -H "Authorization: Bearer $API_TOKEN" https://api.acme.example/deploy\necho "token length: ${#API_TOKEN}"\n'],
  ["setup.cfg", "[metadata]\nname = acme\nversion = 1.2.0\n\n[options]\ninstall_requires =\n    requests>=2.31\n"],
  ["app.ini", "[auth]\ntoken_ttl = 3600\npassword_hash_algorithm = argon2id\nsecret_backend = vault\n"],
  ["pyproject.toml", '[tool.poetry]\nname = "acme"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n'],
  ["minified.js", "!function(e,t){var n={token:e.token||null,secret:t&&t.secret};window.__cfg=n}(window.cfg,{});\n"],
  ["secrets.enc.yaml", "api_key: ENC[AES256_GCM,data:«b32»,iv:«b43»,tag:«b22»==,type:str]\nsops:\n  kms: []\n  lastmodified: \"2024-05-01T10:00:00Z\"\n  mac: ENC[AES256_GCM,data:«b64»,iv:«b43»,tag:«b22»==,type:str]\n"],
  ["sealed-secret.yaml", "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api\nspec:\n  encryptedData:\n    api-key: AgB«b420»==\n"],
  ["fixtures.py", 'USERS = [\n    {"name": "alice", "password_sha256": "«h64»"},\n    {"name": "bob", "password_bcrypt": "$2b$12$«b53»"},\n]\n'],
  ["sentry.js", 'Sentry.init({\n  dsn: "https://«h32»@o«d6».ingest.sentry.io/«d7»",\n  tracesSampleRate: 0.1,\n});\n'],
  ["captcha.html", '<div class="g-recaptcha" data-sitekey="6Le«u37»"></div>\n'],
  ["jasypt.properties", "spring.datasource.password=ENC(«b44»)\njasypt.encryptor.algorithm=PBEWITHHMACSHA512ANDAES_256\n"],
  ["firebase.json", '{\n  "hosting": { "public": "dist", "ignore": ["firebase.json", "**/.*"] },\n  "emulators": { "auth": { "port": 9099 } }\n}\n'],
  ["openapi.yaml", "components:\n  securitySchemes:\n    ApiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n    BearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n"],
];

// ---------------------------------------------------------------------------

const pad = (n) => String(n).padStart(3, "0");

/** Every corpus file: { path (relative to test/corpus), content (the template), label: "secret" | "clean", kind }. */
export function buildCorpus() {
  const files = [];
  let n = 0;
  // Each secret in several shapes, cycling through the shapes so every file type gets many kinds.
  for (let round = 0; round < 4; round++) {
    SECRETS.forEach((secret, i) => {
      const shape = SHAPES[(i * 7 + round * 5) % SHAPES.length];
      const [file, content] = shape(secret.name, secret.value);
      files.push({ path: `secret/${pad(++n)}-${file}`, content, label: "secret", kind: secret.kind });
    });
  }
  for (const whole of WHOLE_FILES) {
    files.push({ path: `secret/${pad(++n)}-${whole.file}`, content: whole.content, label: "secret", kind: whole.kind });
  }
  let m = 0;
  for (let round = 0; round < 3; round++) {
    CLEAN_ASSIGNMENTS.forEach(([name, value], i) => {
      // A .env holding any real value is blocked by design (see docs/scan.md), so look-alike
      // values go in other files; .env look-alikes (templates, references) are in CLEAN_FILES.
      let shape = SHAPES[(i * 5 + round * 3) % SHAPES.length];
      if (shape === ENV_SHAPE) shape = SHAPES[(i * 5 + round * 3 + 1) % SHAPES.length];
      const [file, content] = shape(name, value);
      files.push({ path: `clean/${pad(++m)}-${file}`, content, label: "clean", kind: "look-alike" });
    });
  }
  for (const [file, content] of CLEAN_FILES) {
    files.push({ path: `clean/${pad(++m)}-${file}`, content, label: "clean", kind: "look-alike" });
  }
  return files;
}

/** The labels manifest for these files. */
export function labelsOf(files) {
  return `${JSON.stringify(
    {
      description: "Labeled corpus for the secret scanner, generated by scripts/gen-corpus.mjs. Files are templates: expandCorpusFile() gives the text scanned; every secret in it is fake.",
      files: files.map(({ path, label, kind }) => ({ path, label, kind })),
    },
    null,
    2,
  )}\n`;
}

/** The paths whose committed content differs from what the generator makes (empty: up to date). */
export function staleFiles(dir = CORPUS_DIR) {
  const files = buildCorpus();
  return staleCorpusFiles(dir, files, labelsOf(files));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runCorpusCommand({
    argv: process.argv,
    dir: CORPUS_DIR,
    name: "test/corpus",
    script: "scripts/gen-corpus.mjs",
    buildCorpus,
    labelsOf,
    expand: expandCorpusFile,
    summary: (files) => {
      const secrets = files.filter((f) => f.label === "secret").length;
      return `test/corpus: ${secrets} files with a secret, ${files.length - secrets} without, ${new Set(files.map((f) => f.path.replace(/^.*\d-/, "").replace(/^.*\./, "."))).size} file types`;
    },
  });
}
