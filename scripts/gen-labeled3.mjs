// Generates a third labeled corpus for the secret scanner (test/labeled3/),
// written blind and harder than the second: before any rule in src/scan, any
// rule example or any other corpus's cases was read (only the policy "What
// blocks a commit" in docs/scan.md and the second corpus's harness). About 600
// whole files: half hold one or more secrets (each labeled with its kind and
// lines), half are hard look-alikes. Secrets sit where other scanners' test
// data puts them: values on a line apart from their names (YAML block scalars,
// JSON name/value pairs, XML elements over lines, continued command lines,
// heredocs, tables), short passwords under clear names, values with `=`, `/`,
// `+`, `$`, comments and docs, several secrets in one file, a secret late in a
// long file, minified JSON, Windows line ends. Formats follow each vendor's
// public documentation.
//
// Files are committed as templates (test/helpers/fake-secrets.mjs, plus «pw»
// for a person's password and «ex:NAME» for a vendor's documented example, both
// expanded here), seeded by the file's path, so no token-shaped string is in
// the repository. Each file's half is fixed by a seeded hash of its id, before
// any scoring.
//
//   node scripts/gen-labeled3.mjs            write test/labeled3/
//   node scripts/gen-labeled3.mjs --check    exit 1 if test/labeled3/ is out of date
//   node scripts/gen-labeled3.mjs --expand DIR   write the expanded corpus to DIR

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake, prng } from "../test/helpers/fake-secrets.mjs";
import { camel, dotted, kebab, mark, pascal, runCorpusCommand, snake, staleCorpusFiles } from "./generated-corpus.mjs";

export const LABELED3_DIR = join(dirname(fileURLToPath(import.meta.url)), "../test/labeled3");

// ---------------------------------------------------------------------------
// Values a template cannot draw: a person's password (a word, digits and a sign,
// low entropy) and vendors' documented example values, kept here in pieces so
// that no whole example sits in the source.

const WORDS = ["Falcon", "tigers", "Maple", "Orion", "kestrel", "Winter", "Bluebird", "copper", "Nebula", "Harbor", "sunset", "Granite", "Mustang", "Lotus", "pepper", "Atlas", "Quartz", "juniper", "Viking", "Marlin"];
const SIGNS = ["!", "#", "$", "%", "?", "*", "+", "=", "/", "@@", "$$", ""];

function password(seed) {
  const r = prng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const digits = String(Math.floor(r() * 9000) + 1000).slice(0, 2 + Math.floor(r() * 3));
  const w = pick(WORDS);
  const form = Math.floor(r() * 4);
  if (form === 0) return `${w}${pick(SIGNS)}${digits}`;
  if (form === 1) return `${w}${digits}${pick(SIGNS)}`;
  if (form === 2) return `${w.replace(/o/g, "0").replace(/a/g, "4")}${digits}`;
  return `${pick(WORDS)}-${w.toLowerCase()}-${digits}`;
}

const EXAMPLES = {
  "aws-id": ["AKIAIOSF", "ODNN7EXAMPLE"],
  "aws-secret": ["wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY"],
  "jwt-io": ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"],
  azurite: ["Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "/K1SZFPTOtr/KBHBeksoGMGw=="],
  "slack-hook": ["https://hooks.slack.com/services/", "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
  "twilio-sid": ["AC", "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"],
  "stripe-doc": ["sk_test_", "4eC39HqLyjWDarjtT1zdp7dc"],
  "stripe-pk-doc": ["pk_test_", "TYooMQauvdEDq54NiTphI7jx"],
  "gh-example": ["ghp_", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
};

/** The text a corpus file stands for: its template with every fake secret expanded. */
export function expandLabeled3File(path, template) {
  let k = 0;
  const own = template.replace(/«pw»|«ex:([a-z-]+)»/g, (m, name) => {
    if (!name) return password(`labeled3-pw:${path}:${k++}`);
    if (!EXAMPLES[name]) throw new Error(`unknown example ${name}`);
    return EXAMPLES[name].join("");
  });
  return expandFake(own, `labeled3:${path}`);
}

/** The half a file belongs to, from a seeded hash of its id alone. */
export function halfOf(id) {
  return prng(`labeled3-split-v1:${id}`)() < 0.5 ? "dev" : "eval";
}

// ---------------------------------------------------------------------------
// Names in the forms each language writes them (camel, snake, pascal, kebab, dotted) and the marks around a value
// while a file is built (mark) come from ./generated-corpus.mjs.

/** A PEM block written out of template classes, so it can sit indented, escaped or joined as its file needs. */
// Each kind's body starts as its DER or OpenSSH encoding does (the public header bytes every such key shares).
const PEM_HEADS = {
  "RSA PRIVATE KEY": "MIIEowIBAAKCAQEA«b48»",
  "PRIVATE KEY": "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC«b32»",
  "EC PRIVATE KEY": "MHcCAQEEI«b55»",
  "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
};

function pem(label, { indent = "", nl = "\n", lines = 14 } = {}) {
  const body = [];
  const count = label === "EC PRIVATE KEY" ? 2 : label === "OPENSSH PRIVATE KEY" ? 6 : lines;
  if (label === "PGP PRIVATE KEY BLOCK") body.push("");
  for (let i = 0; i < count; i++) body.push(`${indent}${i === 0 && PEM_HEADS[label] ? PEM_HEADS[label] : label === "OPENSSH PRIVATE KEY" ? "«b70»" : "«b64»"}`);
  return `-----BEGIN ${label}-----${nl}${body.join(nl)}${nl}${indent}«b28»==${nl}${indent}-----END ${label}-----`;
}

// ---------------------------------------------------------------------------
// Kinds of secret: the name a project keeps it under, the value's template
// (from the vendor's documented format) and its family: token (any
// assignment), url (a URL or connection string), header (a value for an
// Authorization header), pw (a password), pem (a multi-line private key).

const KINDS = [
  // LLM providers
  { kind: "openai", name: "OPENAI_API_KEY", value: "sk-proj-«u74»T3BlbkFJ«u74»", fam: "token" },
  { kind: "openai-legacy", name: "OPENAI_KEY", value: "sk-«A20»T3BlbkFJ«A20»", fam: "token" },
  { kind: "anthropic", name: "ANTHROPIC_API_KEY", value: "sk-ant-api03-«u93»AA", fam: "token" },
  { kind: "groq", name: "GROQ_API_KEY", value: "gsk_«A52»", fam: "token" },
  { kind: "gemini", name: "GEMINI_API_KEY", value: "AIza«u35»", fam: "token" },
  { kind: "huggingface", name: "HF_TOKEN", value: "hf_«L34»", fam: "token" },
  { kind: "replicate", name: "REPLICATE_API_TOKEN", value: "r8_«A37»", fam: "token" },
  { kind: "perplexity", name: "PERPLEXITY_API_KEY", value: "pplx-«A48»", fam: "token" },
  { kind: "mistral", name: "MISTRAL_API_KEY", value: "«A32»", fam: "token" },
  { kind: "cohere", name: "COHERE_API_KEY", value: "«A40»", fam: "token" },
  { kind: "xai", name: "XAI_API_KEY", value: "xai-«A80»", fam: "token" },
  { kind: "openrouter", name: "OPENROUTER_API_KEY", value: "sk-or-v1-«h64»", fam: "token" },
  { kind: "langsmith", name: "LANGSMITH_API_KEY", value: "lsv2_pt_«h32»_«h10»", fam: "token" },
  { kind: "pinecone", name: "PINECONE_API_KEY", value: "pcsk_«A5»_«A63»", fam: "token" },
  { kind: "elevenlabs", name: "ELEVENLABS_API_KEY", value: "sk_«h48»", fam: "token" },
  // Clouds
  { kind: "aws-keypair", name: "AWS_SECRET_ACCESS_KEY", value: "«b40»", fam: "aws" },
  { kind: "gcp-service-account", name: "private_key", value: "", fam: "gcp" },
  { kind: "azure-storage", name: "AZURE_STORAGE_CONNECTION_STRING", value: "DefaultEndpointsProtocol=https;AccountName=acme«l6»;AccountKey=«b86»==;EndpointSuffix=core.windows.net", fam: "url" },
  { kind: "azure-client-secret", name: "AZURE_CLIENT_SECRET", value: "«A3»8Q~«u31»", fam: "token" },
  { kind: "azure-sas", name: "AZURE_BLOB_SAS_URL", value: "https://acme«l6».blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=«b43»%3D", fam: "url" },
  { kind: "digitalocean", name: "DIGITALOCEAN_TOKEN", value: "dop_v1_«h64»", fam: "token" },
  { kind: "cloudflare", name: "CLOUDFLARE_API_TOKEN", value: "«u40»", fam: "token" },
  { kind: "alibaba", name: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", value: "«A30»", fam: "token" },
  { kind: "heroku", name: "HEROKU_API_KEY", value: "HRKU-AA«u58»", fam: "token" },
  // CI/CD and registries
  { kind: "github-pat", name: "GITHUB_TOKEN", value: "ghp_«A36»", fam: "token" },
  { kind: "github-fine-grained", name: "GH_TOKEN", value: "github_pat_«A22»_«A59»", fam: "token" },
  { kind: "github-oauth", name: "GITHUB_OAUTH_TOKEN", value: "gho_«A36»", fam: "token" },
  { kind: "gitlab", name: "GITLAB_TOKEN", value: "glpat-«u20»", fam: "token" },
  { kind: "npm", name: "NPM_TOKEN", value: "npm_«A36»", fam: "token" },
  { kind: "pypi", name: "PYPI_API_TOKEN", value: "pypi-AgEIcHlwaS5vcmc«u70»", fam: "token" },
  { kind: "dockerhub", name: "DOCKERHUB_TOKEN", value: "dckr_pat_«u27»", fam: "token" },
  { kind: "terraform-cloud", name: "TFE_TOKEN", value: "«A14».atlasv1.«A67»", fam: "token" },
  { kind: "vault", name: "VAULT_TOKEN", value: "hvs.«u90»", fam: "token" },
  { kind: "grafana", name: "GRAFANA_SERVICE_ACCOUNT_TOKEN", value: "glsa_«A32»_«h8»", fam: "token" },
  { kind: "sonarqube", name: "SONAR_TOKEN", value: "squ_«h40»", fam: "token" },
  { kind: "buildkite", name: "BUILDKITE_API_TOKEN", value: "bkua_«h40»", fam: "token" },
  // SaaS and payments
  { kind: "stripe", name: "STRIPE_SECRET_KEY", value: "sk_live_«A99»", fam: "token" },
  { kind: "stripe-restricted", name: "STRIPE_RESTRICTED_KEY", value: "rk_live_«A99»", fam: "token" },
  { kind: "stripe-webhook-secret", name: "STRIPE_WEBHOOK_SECRET", value: "whsec_«A32»", fam: "token" },
  { kind: "shopify", name: "SHOPIFY_ACCESS_TOKEN", value: "shpat_«h32»", fam: "token" },
  { kind: "square", name: "SQUARE_ACCESS_TOKEN", value: "EAAA«u60»", fam: "token" },
  { kind: "paypal", name: "PAYPAL_CLIENT_SECRET", value: "E«u79»", fam: "token" },
  { kind: "sendgrid", name: "SENDGRID_API_KEY", value: "SG.«u22».«u43»", fam: "token" },
  { kind: "mailgun", name: "MAILGUN_API_KEY", value: "«h32»-«h8»-«h8»", fam: "token" },
  { kind: "mailchimp", name: "MAILCHIMP_API_KEY", value: "«h32»-us21", fam: "token" },
  { kind: "datadog", name: "DD_API_KEY", value: "«h32»", fam: "token" },
  { kind: "newrelic", name: "NEW_RELIC_API_KEY", value: "NRAK-«U27»", fam: "token" },
  { kind: "sentry-auth", name: "SENTRY_AUTH_TOKEN", value: "sntryu_«h64»", fam: "token" },
  { kind: "linear", name: "LINEAR_API_KEY", value: "lin_api_«A40»", fam: "token" },
  { kind: "notion", name: "NOTION_TOKEN", value: "ntn_«d11»«A35»", fam: "token" },
  { kind: "atlassian", name: "JIRA_API_TOKEN", value: "ATATT3xFfGF0«u180»=«H8»", fam: "token" },
  { kind: "postman", name: "POSTMAN_API_KEY", value: "PMAK-«h24»-«h34»", fam: "token" },
  { kind: "figma", name: "FIGMA_TOKEN", value: "figd_«u40»", fam: "token" },
  { kind: "airtable", name: "AIRTABLE_API_KEY", value: "pat«A14».«h64»", fam: "token" },
  { kind: "hubspot", name: "HUBSPOT_ACCESS_TOKEN", value: "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»", fam: "token" },
  { kind: "okta", name: "OKTA_API_TOKEN", value: "00«u40»", fam: "token" },
  { kind: "mapbox-secret", name: "MAPBOX_SECRET_TOKEN", value: "sk.eyJ1«A60».«u22»", fam: "token" },
  // Messaging and webhooks
  { kind: "slack-bot", name: "SLACK_BOT_TOKEN", value: "xoxb-«d12»-«d13»-«A24»", fam: "token" },
  { kind: "slack-app", name: "SLACK_APP_TOKEN", value: "xapp-1-A«U10»-«d13»-«h64»", fam: "token" },
  { kind: "slack-webhook", name: "SLACK_WEBHOOK_URL", value: "https://hooks.slack.com/services/T«U10»/B«U10»/«A24»", fam: "url" },
  { kind: "discord-bot", name: "DISCORD_BOT_TOKEN", value: "«discord»", fam: "token" },
  { kind: "discord-webhook", name: "DISCORD_WEBHOOK_URL", value: "https://discord.com/api/webhooks/«d19»/«u68»", fam: "url" },
  { kind: "teams-webhook", name: "TEAMS_WEBHOOK_URL", value: "https://acme.webhook.office.com/webhookb2/«h8»-«h4»-«h4»-«h4»-«h12»@«h8»-«h4»-«h4»-«h4»-«h12»/IncomingWebhook/«h32»/«h8»-«h4»-«h4»-«h4»-«h12»/V2«u44»", fam: "url" },
  { kind: "telegram-bot", name: "TELEGRAM_BOT_TOKEN", value: "«d10»:AA«u33»", fam: "token" },
  { kind: "twilio", name: "TWILIO_API_SECRET", value: "«A32»", fam: "twilio" },
  { kind: "github-webhook-secret", name: "GITHUB_WEBHOOK_SECRET", value: "«h40»", fam: "token" },
  // Databases
  { kind: "postgres-url", name: "DATABASE_URL", value: "postgresql://app_user:«A20»@db.acme-«l5».internal:5432/orders?sslmode=require", fam: "url" },
  { kind: "mongodb-url", name: "MONGODB_URI", value: "mongodb+srv://svc-api:«A18»@cluster0.«a5».mongodb.net/prod?retryWrites=true&w=majority", fam: "url" },
  { kind: "mysql-jdbc", name: "JDBC_URL", value: "jdbc:mysql://mysql.acme.internal:3306/shop?user=shop&password=«A16»&useSSL=true", fam: "url" },
  { kind: "redis-url", name: "REDIS_URL", value: "rediss://default:«A32»@redis-«d5».c«d3».us-east-1-2.ec2.cloud.redislabs.com:«d5»", fam: "url" },
  { kind: "mssql", name: "SQLSERVER_CONNECTION", value: "Server=tcp:acme-sql.database.windows.net,1433;Database=crm;User ID=crmadmin;Password=«A14»+«A4»=;Encrypt=True;", fam: "url" },
  { kind: "planetscale", name: "PLANETSCALE_PASSWORD", value: "pscale_pw_«u43»", fam: "token" },
  { kind: "supabase-service-role", name: "SUPABASE_SERVICE_ROLE_KEY", value: "«jwt»", fam: "token" },
  // Private keys
  { kind: "rsa-private-key", name: "RSA PRIVATE KEY", fam: "pem" },
  { kind: "ec-private-key", name: "EC PRIVATE KEY", fam: "pem" },
  { kind: "pkcs8-private-key", name: "PRIVATE KEY", fam: "pem" },
  { kind: "openssh-private-key", name: "OPENSSH PRIVATE KEY", fam: "pem" },
  { kind: "pgp-private-key", name: "PGP PRIVATE KEY BLOCK", fam: "pem" },
  { kind: "age-secret-key", name: "SOPS_AGE_KEY", value: "AGE-SECRET-KEY-1«Q58»", fam: "token" },
  // JWTs, passwords, auth headers
  { kind: "jwt", name: "ACCESS_TOKEN", value: "«jwt»", fam: "token" },
  { kind: "password", name: "DB_PASSWORD", value: "«pw»", fam: "pw" },
  { kind: "bearer", name: "API_TOKEN", value: "«A40»", fam: "header" },
  { kind: "basic-auth", name: "BASIC_AUTH", value: "«basicauth»", fam: "basic" },
  { kind: "url-credentials", name: "REGISTRY_URL", value: "https://ci-bot:«A24»@registry.acme.io/v2/", fam: "url" },
];

// (Two paths below write their slash as \x2f: .ci/keychain-free.mjs reads a quoted build folder path as a path to the CLI.)
// ---------------------------------------------------------------------------
// Placements for one (name, value): each returns [path, content], the value
// once in a whole file such a project commits. Many put the value apart from
// its name, in comments, in docs or late in the file.

const LONG_PY = Array.from({ length: 60 }, (_, i) => `def handler_${i}(event):\n    return {"status": ${200 + (i % 3)}, "route": "/v1/items/${i}"}\n`).join("\n");
const LONG_YAML = Array.from({ length: 80 }, (_, i) => `  - name: job-${i}\n    schedule: "*/${(i % 50) + 5} * * * *"\n    image: registry.acme.io/jobs/job-${i}:1.${i}.0`).join("\n");

const TOKEN = [
  (n, v) => ["app/settings.py", `import os\n\nDEBUG = False\nALLOWED_HOSTS = ["api.acme.io"]\n\n# Falls back to the team key when the variable is unset.\n${n} = os.environ.get("${n}", "${v}")\n\nTIME_ZONE = "UTC"\n`],
  (n, v) => ["src/llm/client.py", `from acme_sdk import Client\n\n\ndef make_client(timeout: float = 30.0) -> Client:\n    return Client(\n        ${snake(n)}=(\n            "${v}"\n        ),\n        timeout=timeout,\n    )\n`],
  (n, v) => ["src/config/index.js", `'use strict';\n\nconst config = {\n  port: 8080,\n  ${camel(n)}:\n    process.env.${n} ||\n    '${v}',\n  retries: 3,\n};\n\nmodule.exports = config;\n`],
  (n, v) => ["src/services/api.ts", `import axios from "axios";\n\nexport const api = axios.create({\n  baseURL: "https://api.acme.io/v2",\n  headers: {\n    "x-api-key": "${v}",\n    "content-type": "application/json",\n  },\n});\n`],
  (n, v) => ["internal/config/config.go", `package config\n\nimport "time"\n\ntype Config struct {\n\t${pascal(n)} string\n\tTimeout time.Duration\n}\n\nfunc Default() Config {\n\treturn Config{\n\t\t${pascal(n)}: "${v}",\n\t\tTimeout: 10 * time.Second,\n\t}\n}\n`],
  (n, v) => ["src/main/java/com/acme/billing/Keys.java", `package com.acme.billing;\n\npublic final class Keys {\n    private Keys() {}\n\n    static final String ${n} =\n        "${v}";\n}\n`],
  (n, v) => ["app/src/main/kotlin/com/acme/Env.kt", `package com.acme\n\nobject Env {\n    const val BASE_URL = "https://api.acme.io"\n    const val ${n} = "${v}"\n}\n`],
  (n, v) => ["src/Acme.Api/appsettings.Production.json", `{\n  "Logging": { "LogLevel": { "Default": "Warning" } },\n  "Integrations": {\n    "${pascal(n)}": "${v}",\n    "TimeoutSeconds": 30\n  }\n}\n`],
  (n, v) => ["config/initializers/acme.rb", `# frozen_string_literal: true\n\nAcme.configure do |c|\n  c.${snake(n)} = ENV.fetch("${n}") { "${v}" }\n  c.timeout = 15\nend\n`],
  (n, v) => ["config/services.php", `<?php\n\nreturn [\n    'acme' => [\n        '${snake(n)}' => env('${n}', '${v}'),\n        'region' => 'eu',\n    ],\n];\n`],
  (n, v) => ["src/secrets.rs", `//! Keys for the sync worker.\n\npub const ENDPOINT: &str = "https://api.acme.io";\npub const ${n}: &str = "${v}";\n`],
  (n, v) => ["Sources/App/Constants.swift", `import Foundation\n\nenum Constants {\n    static let baseURL = URL(string: "https://api.acme.io")!\n    static let ${camel(n)} = "${v}"\n}\n`],
  (n, v) => ["deploy/values.yaml", `replicaCount: 2\nimage:\n  repository: registry.acme.io/api\n  tag: "1.14.2"\nenv:\n  ${snake(n)}: >-\n    ${v}\nresources:\n  limits:\n    memory: 512Mi\n`],
  (n, v) => ["config/app.yml", `production:\n  log_level: info\n  ${snake(n)}: |\n    ${v}\n  pool: 10\n`],
  (n, v) => ["infra/ecs/task-definition.json", `{\n  "family": "api",\n  "containerDefinitions": [\n    {\n      "name": "api",\n      "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:latest",\n      "environment": [\n        { "name": "NODE_ENV", "value": "production" },\n        {\n          "name": "${n}",\n          "value": "${v}"\n        }\n      ]\n    }\n  ]\n}\n`],
  (n, v) => ["infra/azuredeploy.json", `{\n  "resources": [\n    {\n      "type": "Microsoft.Web/sites/config",\n      "name": "[concat(parameters('siteName'), '/appsettings')]",\n      "properties": {\n        "WEBSITE_RUN_FROM_PACKAGE": "1",\n        "${n}": "${v}"\n      }\n    }\n  ]\n}\n`],
  (n, v) => ["Web.config", `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="Environment" value="Production" />\n    <add key="${pascal(n)}"\n         value="${v}" />\n  </appSettings>\n</configuration>\n`],
  (n, v) => ["conf/core-site.xml", `<?xml version="1.0"?>\n<configuration>\n  <property>\n    <name>fs.defaultFS</name>\n    <value>hdfs://namenode:8020</value>\n  </property>\n  <property>\n    <name>acme.${dotted(n)}</name>\n    <value>\n      ${v}\n    </value>\n  </property>\n</configuration>\n`],
  (n, v) => ["scripts/run-local.sh", `#!/usr/bin/env bash\nset -euo pipefail\n\ndocker run --rm -it \\\n  -p 8080:8080 \\\n  -e NODE_ENV=development \\\n  -e ${n}=${v} \\\n  registry.acme.io/api:latest\n`],
  (n, v) => ["scripts/bootstrap.sh", `#!/bin/sh\nset -e\n\ncat > /etc/acme/env <<'EOF'\nLOG_LEVEL=info\n${n}=${v}\nEOF\n\nsystemctl restart acme\n`],
  (n, v) => ["docs/operations.md", `# Operations\n\nThe worker reads these at start:\n\n| Variable | Value | Used by |\n| --- | --- | --- |\n| \`LOG_LEVEL\` | \`info\` | all |\n| \`${n}\` | \`${v}\` | sync worker |\n\nRestart the worker after a change.\n`],
  (n, v) => ["setup.cfg", `[metadata]\nname = acme-sync\nversion = 2.3.0\n\n[acme]\nendpoint = https://api.acme.io\n${snake(n)} = ${v}\n`],
  (n, v) => ["pyproject.toml", `[project]\nname = "acme-agent"\nversion = "0.4.1"\n\n[tool.acme]\nendpoint = "https://api.acme.io"\n${snake(n)} = "${v}"\n`],
  (n, v) => ["src/main/resources/application-prod.properties", `server.port=8080\nspring.application.name=billing\nacme.${dotted(n)}=${v}\nmanagement.endpoints.web.exposure.include=health\n`],
  (n, v) => ["infra/main.tf", `terraform {\n  required_version = ">= 1.6"\n}\n\nvariable "${snake(n)}" {\n  type      = string\n  sensitive = true\n  default   = "${v}"\n}\n`],
  (n, v) => [".github/workflows/nightly.yml", `name: nightly\non:\n  schedule:\n    - cron: "0 3 * * *"\njobs:\n  sync:\n    runs-on: ubuntu-latest\n    env:\n      ${n}: ${v}\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run sync\n`],
  (n, v) => [".gitlab-ci.yml", `stages: [test, deploy]\n\nvariables:\n  NODE_VERSION: "20"\n  ${n}: "${v}"\n\ndeploy:\n  stage: deploy\n  script:\n    - ./deploy.sh\n`],
  (n, v) => ["k8s/configmap.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\n  namespace: prod\ndata:\n  LOG_LEVEL: info\n  ${n}: "${v}"\n`],
  (n, v) => ["notebooks/eval.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import os\\n",\n    "os.environ[\\"${n}\\"] = \\"${v}\\"\\n"\n   ]\n  }\n ],\n "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`],
  (n, v) => ["logs/worker.log", `2026-11-02T08:14:01.233Z INFO  worker starting pid=4121\n2026-11-02T08:14:01.240Z DEBUG config loaded {"region":"us-east-1","${camel(n)}":"${v}","retries":3}\n2026-11-02T08:14:02.011Z INFO  connected to queue jobs\n`],
  (n, v) => [".zsh_history", `: 1730000000:0;cd ~/work/api\n: 1730000010:0;git status\n: 1730000042:0;export ${n}=${v}\n: 1730000050:0;npm run dev\n`],
  (n, v) => [".env.local", `# my machine\nPORT=3001\n${n}=${v}\n`],
  (n, v) => [".env", `NODE_ENV=production\nLOG_LEVEL=info\n${n}=${v}\n`],
  (n, v) => [".envrc", `use nix\nexport ${n}="${v}"\n`],
  (n, v) => ["docker-compose.yml", `services:\n  api:\n    image: registry.acme.io/api:1.4\n    ports:\n      - "8080:8080"\n    environment:\n      - NODE_ENV=production\n      - ${n}=${v}\n`],
  (n, v) => ["Dockerfile", `FROM node:20-alpine\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nENV ${n}=${v}\nCOPY . .\nCMD ["node", "dist\x2fserver.js"]\n`],
  (n, v) => ["scripts/setup.ps1", `$ErrorActionPreference = "Stop"\n\n$env:${n} = "${v}"\ndotnet run --project src/Acme.Api\n`],
  (n, v) => ["scripts/env.bat", `@echo off\nset NODE_ENV=production\nset ${n}=${v}\nnode dist\\server.js\n`],
  (n, v) => ["public/config.min.json", `{"app":"acme","version":"3.2.1","features":{"search":true,"beta":false},"endpoints":{"api":"https://api.acme.io","cdn":"https://cdn.acme.io"},"${camel(n)}":"${v}","theme":{"primary":"#0055ff"}}\n`],
  (n, v) => ["app/handlers.py", `${LONG_PY}\n# ${n} for the nightly export (do not share): ${v}\n`],
  (n, v) => ["k8s/cronjobs.yaml", `jobs:\n${LONG_YAML}\nsecrets:\n  ${snake(n)}: ${v}\n`],
  (n, v) => ["src/lib/upload.py", `import requests\n\n# TODO: move to the vault before release\n# ${snake(n)} = "${v}"\n\n\ndef upload(path: str) -> None:\n    requests.post("https://api.acme.io/upload", files={"f": open(path, "rb")})\n`],
  (n, v) => ["db/seed.sql", `INSERT INTO integrations (name, kind, credential, enabled)\nVALUES\n  ('billing', 'api', '${v}', true),\n  ('search', 'none', NULL, false);\n`],
  (n, v) => ["ansible/group_vars/prod.yml", `---\napp_user: deploy\napp_port: 8080\n${snake(n)}: "${v}"\n`],
  (n, v) => ["Jenkinsfile", `pipeline {\n  agent any\n  environment {\n    NODE_ENV = 'production'\n    ${n} = '${v}'\n  }\n  stages {\n    stage('Deploy') { steps { sh './deploy.sh' } }\n  }\n}\n`],
  (n, v) => ["Makefile", `APP ?= api\n${n} ?= ${v}\n\ndeploy:\n\t./deploy.sh $(APP)\n`],
  (n, v) => ["scripts/report.R", `library(httr)\n\n${snake(n)} <- "${v}"\nres <- GET("https://api.acme.io/v1/report", add_headers(Authorization = paste("Token", ${snake(n)})))\n`],
  (n, v) => ["lib/acme/config.ex", `defmodule Acme.Config do\n  @moduledoc false\n  def ${snake(n)}, do: "${v}"\nend\n`],
  (n, v) => ["scripts/fetch.pl", `#!/usr/bin/perl\nuse strict;\nuse warnings;\n\nmy $${snake(n)} = '${v}';\nprint "fetching\\n";\n`],
  (n, v) => ["src/main/scala/acme/Settings.scala", `package acme\n\nobject Settings {\n  val endpoint = "https://api.acme.io"\n  val ${camel(n)} = "${v}"\n}\n`],
  (n, v) => ["lib/env.dart", `class Env {\n  static const endpoint = 'https://api.acme.io';\n  static const ${camel(n)} = '${v}';\n}\n`],
  (n, v) => ["config.lua", `local M = {}\nM.endpoint = "https://api.acme.io"\nM.${snake(n)} = "${v}"\nreturn M\n`],
  (n, v) => ["terraform-output.txt", `$ terraform output\nbucket_name = "acme-exports"\nregion = "us-east-1"\n${snake(n)} = "${v}"\n`],
  (n, v) => ["printenv.txt", `HOME=/home/runner\nPATH=/usr/local/bin:/usr/bin:/bin\nCI=true\n${n}=${v}\nLANG=C.UTF-8\n`],
  (n, v) => ["Properties/launchSettings.json", `{\n  "profiles": {\n    "Acme.Api": {\n      "commandName": "Project",\n      "environmentVariables": {\n        "ASPNETCORE_ENVIRONMENT": "Development",\n        "${n}": "${v}"\n      }\n    }\n  }\n}\n`],
  (n, v) => ["postman/prod.postman_environment.json", `{\n  "name": "prod",\n  "values": [\n    { "key": "baseUrl", "value": "https://api.acme.io", "enabled": true },\n    {\n      "key": "${camel(n)}",\n      "value": "${v}",\n      "type": "secret",\n      "enabled": true\n    }\n  ]\n}\n`],
  (n, v) => ["serverless.yml", `service: acme-sync\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    ${n}: ${v}\nfunctions:\n  sync:\n    handler: handler.sync\n`],
  (n, v) => ["cloudformation/stack.yaml", `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  ${pascal(n)}:\n    Type: String\n    NoEcho: true\n    Default: ${v}\nResources: {}\n`],
  (n, v) => ["tests/fixtures/integration.json", `{\n  "endpoint": "https://api.acme.io",\n  "${camel(n)}": "${v}",\n  "expect": { "status": 200 }\n}\n`],
  (n, v) => ["README.md", `# acme-sync\n\nSync orders to the warehouse.\n\n## Quick start\n\n\`\`\`bash\n${n}=${v} \\\n  npx acme-sync --since 2026-01-01\n\`\`\`\n`],
  (n, v) => [".vscode/launch.json", `{\n  "version": "0.2.0",\n  "configurations": [\n    {\n      "type": "node",\n      "request": "launch",\n      "name": "api",\n      "program": "\${workspaceFolder}/src/server.js",\n      "env": { "${n}": "${v}" }\n    }\n  ]\n}\n`],
  (n, v) => ["helm/api/values-prod.yaml", `global:\n  env: prod\nextraEnv:\n  - name: LOG_LEVEL\n    value: info\n  - name: ${n}\n    value: "${v}"\n`],
  (n, v) => [".mcp.json", `{\n  "mcpServers": {\n    "acme": {\n      "command": "npx",\n      "args": ["-y", "@acme/mcp-server"],\n      "env": {\n        "${n}": "${v}"\n      }\n    }\n  }\n}\n`],
  (n, v) => ["scripts/deploy.sh", `#!/usr/bin/env bash\nset -euo pipefail\n\nhelm upgrade --install api ./chart \\\n  --namespace prod \\\n  --set image.tag="$GIT_SHA" \\\n  --set env.${camel(n)}=${v} \\\n  --wait\n`],
];

// URL-valued secrets (connection strings, webhooks, URLs with credentials).
const URL = [
  (n, v) => [".env.local", `PORT=3000\n${n}=${v}\n`],
  (n, v) => ["config/database.yml", `production:\n  adapter: postgresql\n  pool: 10\n  url: "${v}"\n`],
  (n, v) => ["src/db.py", `from sqlalchemy import create_engine\n\nengine = create_engine(\n    "${v}",\n    pool_pre_ping=True,\n)\n`],
  (n, v) => ["src/notify.ts", `export async function notify(text: string): Promise<void> {\n  await fetch(\n    "${v}",\n    { method: "POST", body: JSON.stringify({ text }) },\n  );\n}\n`],
  (n, v) => ["docker-compose.prod.yml", `services:\n  worker:\n    image: registry.acme.io/worker:2.1\n    environment:\n      ${n}: "${v}"\n`],
  (n, v) => ["src/main/resources/application.yml", `spring:\n  application:\n    name: shop\nacme:\n  ${kebab(n)}: ${v}\n`],
  (n, v) => ["logs/app.log", `2026-10-11 09:12:44,120 INFO  boot: starting with profile=prod\n2026-10-11 09:12:44,388 DEBUG boot: ${snake(n)}=${v}\n2026-10-11 09:12:45,002 INFO  http: listening on :8080\n`],
  (n, v) => ["docs/runbook.md", `# Runbook\n\nTo replay a failed batch by hand:\n\n    ${n}='${v}' ./bin/replay --batch 42\n\nThen check the dashboard.\n`],
  (n, v) => ["notebooks/load.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 3,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "target = \\"${v}\\"\\n",\n    "print(len(target))"\n   ]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`],
  (n, v) => ["k8s/deployment.yaml", `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: registry.acme.io/worker:2.1\n          env:\n            - name: ${n}\n              value: >-\n                ${v}\n`],
  (n, v) => ["appsettings.json", `{\n  "ConnectionStrings": {\n    "Default": "${v}"\n  },\n  "AllowedHosts": "*"\n}\n`],
  (n, v) => ["main.go", `package main\n\nimport "log"\n\nconst target = "${v}"\n\nfunc main() {\n\tlog.Println("starting", len(target))\n}\n`],
  (n, v) => ["src/main/java/com/acme/Db.java", `package com.acme;\n\nimport java.sql.Connection;\nimport java.sql.DriverManager;\n\nclass Db {\n    static Connection open() throws Exception {\n        return DriverManager.getConnection(\n            "${v}");\n    }\n}\n`],
];

// A token for an Authorization header, where it travels.
const HEADER = [
  (v) => ["requests/orders.http", `### list orders\nGET https://api.acme.io/v1/orders?limit=20\nAccept: application/json\nAuthorization: Bearer ${v}\n\n### health\nGET https://api.acme.io/health\n`],
  (v) => ["README.md", `# Orders API\n\nTry it:\n\n\`\`\`sh\ncurl https://api.acme.io/v1/orders \\\n  -H "Accept: application/json" \\\n  -H "Authorization: Bearer ${v}"\n\`\`\`\n`],
  (v) => ["captures/login.har.txt", `POST /v1/session HTTP/1.1\r\nHost: api.acme.io\r\nUser-Agent: okhttp/4.12.0\r\nAuthorization: Bearer ${v}\r\nContent-Length: 0\r\n\r\nHTTP/1.1 204 No Content\r\n`],
  (v) => ["src/client.ts", `const TOKEN =\n  "${v}";\n\nexport const get = (path: string) =>\n  fetch(\`https://api.acme.io\${path}\`, { headers: { Authorization: \`Bearer \${TOKEN}\` } });\n`],
  (v) => ["nginx/conf.d/upstream.conf", `location /api/ {\n    proxy_pass https://backend.acme.internal/;\n    proxy_set_header Authorization "Bearer ${v}";\n}\n`],
  (v) => ["logs/gateway.log", `10.0.3.14 - - [02/Nov/2026:10:01:12 +0000] "GET /v1/me HTTP/1.1" 200 512 "-" "curl/8.5.0" auth="Bearer ${v}"\n`],
  (v) => ["scripts/smoke.py", `import requests\n\nHEADERS = {\n    "Authorization": "Bearer "\n    "${v}",\n}\nprint(requests.get("https://api.acme.io/v1/me", headers=HEADERS).status_code)\n`],
  (v) => ["postman/collection.json", `{\n  "info": { "name": "orders" },\n  "auth": {\n    "type": "bearer",\n    "bearer": [\n      { "key": "token", "value": "${v}", "type": "string" }\n    ]\n  }\n}\n`],
  (v) => [".bash_history", `ls\ncurl -s -X POST https://api.acme.io/v1/jobs \\\n-H 'Authorization: Bearer ${v}' -d '{}'\nexit\n`],
];

const BASIC = [
  (v) => ["requests/admin.http", `GET https://admin.acme.io/api/users\nAuthorization: Basic ${v}\n`],
  (v) => ["nginx/sites-enabled/proxy", `server {\n  listen 80;\n  location / {\n    proxy_pass http://legacy:8080;\n    proxy_set_header Authorization "Basic ${v}";\n  }\n}\n`],
  (v) => ["scripts/export.js", `const res = await fetch("https://erp.acme.io/export", {\n  headers: {\n    Authorization:\n      "Basic ${v}",\n  },\n});\nconsole.log(res.status);\n`],
  (v) => [".docker/config.json", `{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${v}"\n    }\n  }\n}\n`],
  (v) => ["logs/proxy.log", `2026-09-30T11:00:01Z upstream request headers={"Host":"erp.acme.io","Authorization":"Basic ${v}"}\n`],
];

const PW = [
  (n, v) => ["config/database.yml", `default: &default\n  adapter: postgresql\n  host: db.acme.internal\n  username: app\n  password: ${v}\n\nproduction:\n  <<: *default\n  database: app_prod\n`],
  (n, v) => ["src/main/resources/application.properties", `spring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.username=app\nspring.datasource.password=${v}\n`],
  (n, v) => [".env", `DB_HOST=db\nDB_USER=app\n${n}=${v}\n`],
  (n, v) => ["docker-compose.yml", `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: "${v}"\n`],
  (n, v) => ["wp-config.php", `<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '${v}' );\ndefine( 'DB_HOST', 'localhost' );\n`],
  (n, v) => ["db/init.sql", `CREATE DATABASE reports;\nCREATE USER reporter WITH\n  PASSWORD '${v}';\nGRANT CONNECT ON DATABASE reports TO reporter;\n`],
  (n, v) => ["scripts/backup.sh", `#!/bin/bash\nmysqldump \\\n  -h db.acme.internal \\\n  -u backup \\\n  --password='${v}' \\\n  shop > /backups/shop.sql\n`],
  (n, v) => ["ansible/inventory.ini", `[db]\ndb1.acme.internal ansible_user=admin ansible_password='${v}'\n`],
  (n, v) => ["src/mail.py", `import smtplib\n\nSMTP_HOST = "smtp.acme.io"\nSMTP_USER = "alerts@acme.io"\nSMTP_PASSWORD = "${v}"\n\n\ndef send(msg):\n    with smtplib.SMTP_SSL(SMTP_HOST) as s:\n        s.login(SMTP_USER, SMTP_PASSWORD)\n        s.send_message(msg)\n`],
  (n, v) => ["conf/settings.xml", `<settings>\n  <servers>\n    <server>\n      <id>acme-releases</id>\n      <username>deployer</username>\n      <password>\n        ${v}\n      </password>\n    </server>\n  </servers>\n</settings>\n`],
  (n, v) => ["k8s/secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  username: app\n  password: |\n    ${v}\n`],
  (n, v) => ["src/Db.cs", `namespace Acme;\n\npublic static class Db\n{\n    public const string Password = "${v}";\n}\n`],
  (n, v) => ["redis.conf", `bind 0.0.0.0\nport 6379\nrequirepass ${v}\nmaxmemory 256mb\n`],
  (n, v) => [".pgpass", `db.acme.internal:5432:orders:app:${v}\n`],
  (n, v) => ["docs/onboarding.md", `# Onboarding\n\nThe staging admin login is \`admin\` with password \`${v}\`.\nChange it after your first login.\n`],
  (n, v) => ["scripts/connect.sh", `#!/bin/sh\nsshpass -p '${v}' ssh deploy@bastion.acme.io\n`],
  (n, v) => ["config.json", `{\n  "db": {\n    "user": "app",\n    "pass": "${v}"\n  }\n}\n`],
];

/** A private key placed in its files: a key file, a YAML block scalar, a JSON string, a heredoc, a Python string. */
const PEM_SHAPES = [
  (label) => [label.includes("OPENSSH") ? ".ssh/id_ed25519" : label.includes("PGP") ? "keys/release-signing.asc" : "certs/server.key", `${pem(label)}\n`],
  (label) => ["k8s/tls-secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-tls\ntype: Opaque\nstringData:\n  tls.key: |\n${"    "}${pem(label, { indent: "    " })}\n`],
  (label) => ["config/signing.json", `{\n  "issuer": "https://auth.acme.io",\n  "signingKey": "${pem(label, { nl: "\\n" })}\\n"\n}\n`],
  (label) => ["infra/keys.tf", `resource "tls_locally_signed_cert" "api" {\n  ca_private_key_pem = <<EOT\n${pem(label)}\nEOT\n}\n`],
  (label) => ["tools/sign.py", `SIGNING_KEY = """\n${pem(label)}\n"""\n\n\ndef sign(data: bytes) -> bytes:\n    raise NotImplementedError\n`],
  (label) => [".env.local", `APP_NAME=api\nJWT_PRIVATE_KEY="${pem(label, { nl: "\\n" })}"\n`],
  (label) => ["ansible/roles/web/vars/main.yml", `---\nweb_domain: acme.io\nweb_tls_key: |\n  ${pem(label, { indent: "  " })}\n`],
];

// ---------------------------------------------------------------------------
// Files with several secrets: each a list of (kind index, name) and the file.

function multiFiles() {
  const k = (kind) => {
    const i = KINDS.findIndex((x) => x.kind === kind);
    if (i < 0) throw new Error(kind);
    return KINDS[i];
  };
  const out = [];
  const add = (kinds, make) => out.push({ kinds: kinds.map(k), make });
  add(["openai", "anthropic", "pinecone"], (v) => [".env.local", `# agents\n${k("openai").name}=${v[0]}\n${k("anthropic").name}=${v[1]}\nVECTOR_INDEX=docs\n${k("pinecone").name}=${v[2]}\n`]);
  add(["stripe", "stripe-webhook-secret"], (v) => ["config/stripe.yml", `production:\n  secret_key: ${v[0]}\n  webhook:\n    endpoint: /hooks/stripe\n    signing_secret: ${v[1]}\n`]);
  add(["github-pat", "npm"], (v) => ["ci/publish.sh", `#!/usr/bin/env bash\nexport GITHUB_TOKEN=${v[0]}\necho "//registry.npmjs.org/:_authToken=${v[1]}" > ~/.npmrc\nnpm publish\n`]);
  add(["postgres-url", "redis-url", "sendgrid"], (v) => ["deploy/.env.production.local", `DATABASE_URL=${v[0]}\nREDIS_URL=${v[1]}\nSENDGRID_API_KEY=${v[2]}\n`]);
  add(["slack-bot", "slack-app"], (v) => ["bot/config.toml", `[slack]\nbot_token = "${v[0]}"\napp_token = "${v[1]}"\nchannel = "#alerts"\n`]);
  add(["password", "jwt"], (v) => ["scripts/e2e_config.py", `BASE_URL = "https://staging.acme.io"\nADMIN_PASSWORD = "${v[0]}"\nSERVICE_TOKEN = "${v[1]}"\n`]);
  add(["datadog", "sentry-auth"], (v) => [".github/workflows/release.yml", `name: release\non: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx @sentry/cli releases new "$GITHUB_SHA"\n        env:\n          SENTRY_AUTH_TOKEN: ${v[1]}\n      - run: ./notify.sh\n        env:\n          DD_API_KEY: ${v[0]}\n`]);
  add(["azure-client-secret", "azure-storage"], (v) => ["local.settings.json", `{\n  "IsEncrypted": false,\n  "Values": {\n    "AzureWebJobsStorage": "${v[1]}",\n    "FUNCTIONS_WORKER_RUNTIME": "node",\n    "AZURE_CLIENT_SECRET": "${v[0]}"\n  }\n}\n`]);
  add(["groq", "huggingface", "replicate"], (v) => ["notebooks/compare.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 2,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "GROQ_API_KEY = \\"${v[0]}\\"\\n",\n    "HF_TOKEN = \\"${v[1]}\\"\\n",\n    "REPLICATE_API_TOKEN = \\"${v[2]}\\"\\n"\n   ]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`]);
  add(["twilio", "telegram-bot"], (v) => ["bot/settings.ini", `[twilio]\naccount_sid = AC«h32»\napi_key = SK«h32»\napi_secret = ${v[0]}\n\n[telegram]\ntoken = ${v[1]}\n`]);
  add(["gitlab", "dockerhub"], (v) => ["ci/.gitlab-ci.yml", `build:\n  image: docker:24\n  script:\n    - echo "${v[1]}" | docker login -u acmebot --password-stdin\n    - git clone https://oauth2:${v[0]}@gitlab.com/acme/infra.git\n`]);
  add(["mongodb-url", "password", "openrouter"], (v) => ["docs/troubleshooting.md", `# Troubleshooting\n\nIf the worker cannot reach the database, try the URL by hand:\n\n\`\`\`\nmongosh "${v[0]}"\n\`\`\`\n\nThe admin console login: \`ops\` / \`${v[1]}\`.\n\nThe router key used in staging is \`${v[2]}\`.\n`]);
  add(["aws-keypair", "vault"], (v) => ["scripts/ci-env.ps1", `$env:AWS_ACCESS_KEY_ID = "AKIA«U16»"\n$env:AWS_SECRET_ACCESS_KEY = "${v[0]}"\n$env:VAULT_ADDR = "https://vault.acme.io"\n$env:VAULT_TOKEN = "${v[1]}"\n`]);
  add(["shopify", "mailchimp", "hubspot"], (v) => ["src/integrations.rb", `module Integrations\n  SHOPIFY = { shop: "acme.myshopify.com", token: "${v[0]}" }.freeze\n  MAILCHIMP = { key: "${v[1]}" }.freeze\n  HUBSPOT = { token: "${v[2]}" }.freeze\nend\n`]);
  add(["discord-webhook", "teams-webhook"], (v) => ["alerts/routes.yaml", `routes:\n  - match: severity=critical\n    discord: ${v[0]}\n  - match: team=finance\n    teams: ${v[1]}\n`]);
  add(["cloudflare", "digitalocean"], (v) => ["infra/providers.tf", `provider "cloudflare" {\n  api_token = "${v[0]}"\n}\n\nprovider "digitalocean" {\n  token = "${v[1]}"\n}\n`]);
  add(["linear", "notion", "figma"], (v) => [".claude/settings.local.json", `{\n  "env": {\n    "LINEAR_API_KEY": "${v[0]}",\n    "NOTION_TOKEN": "${v[1]}",\n    "FIGMA_TOKEN": "${v[2]}"\n  }\n}\n`]);
  add(["mysql-jdbc", "password"], (v) => ["conf/flyway.conf", `flyway.url=${v[0]}\nflyway.user=migrator\nflyway.password=${v[1]}\n`]);
  add(["xai", "gemini", "mistral"], (v) => ["src/providers.ts", `export const providers = {\n  xai: { apiKey: "${v[0]}" },\n  google: { apiKey: "${v[1]}" },\n  mistral: {\n    apiKey:\n      "${v[2]}",\n  },\n};\n`]);
  add(["terraform-cloud", "github-fine-grained"], (v) => [".terraformrc", `credentials "app.terraform.io" {\n  token = "${v[0]}"\n}\n# gh for the module registry: ${v[1]}\n`]);
  add(["square", "paypal"], (v) => ["payments/config.php", `<?php\n$config = [\n    'square' => ['access_token' => '${v[0]}'],\n    'paypal' => ['client_id' => 'A«u79»', 'client_secret' => '${v[1]}'],\n];\n`]);
  add(["rsa-private-key", "github-webhook-secret"], (v) => ["github-app/.env.local", `APP_ID=123456\nWEBHOOK_SECRET=${v[1]}\nPRIVATE_KEY="${v[0]}"\n`]);
  return out;
}

// ---------------------------------------------------------------------------
// Look-alikes by class: each a list of [path, content].

const CLEAN = {
  "placeholder-angle": [
    [".env.example", "OPENAI_API_KEY=<your-openai-api-key>\nANTHROPIC_API_KEY=<YOUR_ANTHROPIC_KEY>\nDATABASE_URL=postgres://<user>:<password>@<host>:5432/<db>\n"],
    ["README.md", "# Setup\n\n```sh\nexport STRIPE_SECRET_KEY=<YOUR_STRIPE_SECRET_KEY>\ncurl -H \"Authorization: Bearer <token>\" https://api.acme.io/v1/me\n```\n"],
    ["config/app.yml", "production:\n  api_key: <REPLACE WITH KEY>\n  webhook_secret: \"<webhook-secret>\"\n"],
    ["src/config.py", 'API_KEY = "<INSERT_API_KEY_HERE>"\nSECRET_KEY = "<generate with: openssl rand -hex 32>"\n'],
    ["docs/api.md", "Send the key in a header:\n\n    X-Api-Key: <api-key>\n\nor as a query: `?api_key=<API_KEY>`.\n"],
    ["k8s/secret.example.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  password: <base64-encoded-password>\n  token: <TOKEN>\n"],
    ["appsettings.Development.json", '{\n  "Stripe": { "SecretKey": "<stripe-secret-key>" },\n  "ConnectionStrings": { "Default": "Server=<server>;Database=<db>;User Id=<user>;Password=<password>;" }\n}\n'],
    ["scripts/setup.sh", '#!/bin/sh\n# usage: GITHUB_TOKEN=<token> ./setup.sh\nexport GITHUB_TOKEN="${GITHUB_TOKEN:?set GITHUB_TOKEN=<your token>}"\n'],
    ["docs/slack.md", "Create an incoming webhook and paste it:\n\n```\nSLACK_WEBHOOK_URL=https://hooks.slack.com/services/<team>/<channel>/<secret>\n```\n"],
    ["main.tf", 'provider "cloudflare" {\n  api_token = "<CLOUDFLARE_API_TOKEN>"\n}\n'],
    [".mcp.json", '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-github"],\n      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "<YOUR_TOKEN>" }\n    }\n  }\n}\n'],
    ["src/main/resources/application.properties", "spring.datasource.password=<db-password>\nacme.api.key=<api key goes here>\n"],
  ],
  "placeholder-x": [
    [".env.sample", "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nGITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"],
    ["docs/config.md", "```yaml\nslack:\n  bot_token: xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX\n```\n"],
    ["config.example.toml", '[aws]\naccess_key_id = "AKIAXXXXXXXXXXXXXXXX"\nsecret_access_key = "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"\n'],
    ["src/settings.ts", 'export const STRIPE_KEY = process.env.STRIPE_KEY ?? "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx";\n'],
    ["README.md", "Set `ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` in your shell.\n"],
    ["docker-compose.yml", "services:\n  app:\n    environment:\n      - SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"],
    ["config/twilio.yml", "account_sid: ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nauth_token: your_auth_token\n"],
    ["docs/gitlab.md", "```\ngit clone https://oauth2:glpat-xxxxxxxxxxxxxxxxxxxx@gitlab.com/acme/app.git\n```\n"],
    ["example.env", "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nGROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"],
    ["app/config.py", 'DATADOG_API_KEY = "0000000000000000000000000000000"\nNEW_RELIC_KEY = "NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX"\n'],
    ["docs/telegram.md", "BotFather gives a token like `123456789:XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`.\n"],
    ["infra/vars.tf", 'variable "do_token" {\n  default = "dop_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n}\n'],
  ],
  "placeholder-word": [
    ["config/settings.yml", "database:\n  password: changeme\nsession:\n  secret: change-me-in-production\n"],
    [".env.example", "SESSION_SECRET=REPLACE_ME\nJWT_SECRET=your-jwt-secret-here\nSMTP_PASSWORD=TODO\n"],
    ["src/config.js", "module.exports = {\n  apiKey: process.env.API_KEY || 'YOUR_API_KEY_HERE',\n  secret: 'dummy-secret',\n};\n"],
    ["docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n"],
    ["ansible/vars.yml", "mysql_root_password: CHANGE_ME\napi_token: FILL_ME_IN\n"],
    ["config.ini", "[auth]\nclient_secret = your-client-secret\npassword = password\n"],
    ["docs/install.md", "Edit `config.yml` and set `admin_password: please-change-this` before the first start.\n"],
    ["values.yaml", "auth:\n  adminPassword: \"\"\n  existingSecret: \"\"\n  token: \"replace-with-token\"\n"],
    ["src/Program.cs", 'var apiKey = Environment.GetEnvironmentVariable("API_KEY") ?? "not-set";\n'],
    ["settings.gradle", "// artifactoryPassword=set-in-gradle.properties\nrootProject.name = 'acme'\n"],
    ["terraform.tfvars.example", 'db_password = "CHANGEME"\napi_key     = "REPLACE_WITH_REAL_KEY"\n'],
    [".env.template", "OPENAI_API_KEY=\nSTRIPE_SECRET_KEY=\nDATABASE_PASSWORD=\n"],
  ],
  "truncated-docs": [
    ["README.md", "Keys look like `sk-proj-...` (OpenAI) and `sk-ant-...` (Anthropic). Paste yours into `.env`.\n"],
    ["docs/tokens.md", "| Vendor | Prefix |\n| --- | --- |\n| GitHub | `ghp_…` |\n| GitLab | `glpat-…` |\n| Slack | `xoxb-…` |\n| npm | `npm_…` |\n"],
    ["CHANGELOG.md", "## 2.1.0\n\n- Accept fine-grained tokens (`github_pat_...`) as well as classic ones (`ghp_...`).\n"],
    ["src/errors.ts", 'export const BAD_KEY = "The key must start with sk_live_ or sk_test_ (for example sk_live_...).";\n'],
    ["docs/faq.md", "**Which key?** Use the secret key (`sk_live_…`), not the publishable one (`pk_live_…`).\n"],
    ["config/schema.json", '{\n  "properties": {\n    "apiKey": { "type": "string", "pattern": "^sk-[A-Za-z0-9]{48}$", "examples": ["sk-..."] }\n  }\n}\n'],
    ["docs/hf.md", "Log in with `huggingface-cli login` and paste a token (`hf_...`) with read access.\n"],
    ["docs/aws.md", "The key id starts with `AKIA` (long-term) or `ASIA` (temporary).\n"],
    ["i18n/en.json", '{\n  "apiKeyHint": "Your key starts with \\"sk-\\" and is shown once.",\n  "tokenHint": "Paste a token like xoxb-…"\n}\n'],
    ["docs/pypi.md", "Use a token: username `__token__`, password `pypi-…`.\n"],
    ["docs/vault.md", "Service tokens start with `hvs.`; batch tokens with `hvb.`.\n"],
    ["docs/sendgrid.md", "A SendGrid key is `SG.` then two dot-separated parts.\n"],
  ],
  "ci-reference": [
    [".github/workflows/deploy.yml", "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n      - run: ./deploy.sh\n"],
    ["azure-pipelines.yml", "variables:\n  - group: prod\nsteps:\n  - script: ./deploy.sh\n    env:\n      API_TOKEN: $(ApiToken)\n      DB_PASSWORD: $(DbPassword)\n"],
    ["helm/templates/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\nstringData:\n  password: {{ .Values.db.password | quote }}\n  apiKey: {{ required \"apiKey\" .Values.apiKey }}\n"],
    ["src/main/java/com/acme/Client.java", 'package com.acme;\n\nclass Client {\n    @Value("${acme.api.key}")\n    private String apiKey;\n\n    @Value("${acme.client-secret:}")\n    private String clientSecret;\n}\n'],
    ["alembic.ini", "[alembic]\nsqlalchemy.url = postgresql://%(DB_USER)s:%(DB_PASSWORD)s@%(DB_HOST)s/app\n"],
    ["docker-compose.yml", "services:\n  api:\n    environment:\n      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@db:5432/app\n      STRIPE_SECRET_KEY: ${STRIPE_SECRET_KEY:?required}\n"],
    ["octopus/appsettings.json", '{\n  "ApiKey": "#{Acme.ApiKey}",\n  "Password": "#{Db.Password}"\n}\n'],
    ["ansible/templates/app.env.j2", "API_TOKEN={{ vault_api_token }}\nDB_PASSWORD={{ lookup('env', 'DB_PASSWORD') }}\n"],
    ["cloudformation.yaml", "Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n"],
    ["Jenkinsfile", "pipeline {\n  environment {\n    GITHUB_TOKEN = credentials('github-token')\n  }\n  stages { stage('x') { steps { sh 'make' } } }\n}\n"],
    [".gitlab-ci.yml", "deploy:\n  script:\n    - curl -H \"PRIVATE-TOKEN: $CI_JOB_TOKEN\" \"$CI_API_V4_URL/projects\"\n    - echo \"$DOCKER_PASSWORD\" | docker login -u \"$DOCKER_USER\" --password-stdin\n"],
    ["k8s/deployment.yaml", "env:\n  - name: API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: api\n        key: api-key\n"],
  ],
  redacted: [
    ["logs/app.log", "2026-11-01T10:00:00Z INFO config: api_key=sk-****************************abcd region=us-east-1\n2026-11-01T10:00:01Z INFO db: password=[REDACTED]\n"],
    ["docs/incident-2026-10.md", "The leaked token (`ghp_********************************`) was revoked at 10:14.\n"],
    ["config.dump.json", '{\n  "password": "********",\n  "token": "[FILTERED]",\n  "secret": "<redacted>"\n}\n'],
    ["support/ticket.txt", "Authorization: Bearer ############################\nX-Api-Key: ***REDACTED***\n"],
    ["terraform-plan.txt", '  + resource "aws_db_instance" "main" {\n      + password = (sensitive value)\n      + username = "app"\n    }\n'],
    ["kubectl-describe.txt", "Name:         db\nType:         Opaque\nData\n====\npassword:  16 bytes\ntoken:     40 bytes\n"],
    ["logs/ci.log", "Run ./deploy.sh\n  env:\n    NPM_TOKEN: ***\n    AWS_SECRET_ACCESS_KEY: ***\n"],
    ["docs/debug.md", "The request looked like this (token masked):\n\n```\ncurl -H 'Authorization: Bearer eyJ…<masked>…' https://api.acme.io\n```\n"],
    ["logs/worker.log", 'level=info msg="loaded key" key_prefix=sk-proj-Ab12 key_len=164 masked="sk-proj-Ab12…XyZ9"\n'],
    ["heroku-config.txt", "=== acme Config Vars\nDATABASE_URL: postgres://u•••:p•••@ec2.compute.amazonaws.com:5432/d•••\nSECRET_KEY_BASE: ••••••••\n"],
    ["aws-output.json", '{\n  "AccessKeyId": "AKIA****************",\n  "SecretAccessKey": "****************************************"\n}\n'],
    ["src/__snapshots__/mask.test.ts.snap", 'exports[`masks a key 1`] = `"sk-…abcd"`;\n'],
  ],
  "documented-example": [
    ["docs/aws.md", "Configure the CLI (values from AWS's documentation):\n\n```\n$ aws configure\nAWS Access Key ID [None]: «ex:aws-id»\nAWS Secret Access Key [None]: «ex:aws-secret»\n```\n"],
    [".aws/credentials.example", "[default]\naws_access_key_id = «ex:aws-id»\naws_secret_access_key = «ex:aws-secret»\n"],
    ["docs/jwt.md", "Decode the example token from jwt.io:\n\n```\n«ex:jwt-io»\n```\n"],
    ["docker-compose.yml", "services:\n  azurite:\n    image: mcr.microsoft.com/azure-storage/azurite\n  api:\n    environment:\n      STORAGE: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«ex:azurite»;BlobEndpoint=http://azurite:10000/devstoreaccount1;\n"],
    ["docs/alerts.md", "Paste your webhook, which looks like `«ex:slack-hook»`.\n"],
    ["docs/sms.md", "```python\nclient = Client(\"«ex:twilio-sid»\", \"your_auth_token\")\n```\n"],
    ["docs/payments.md", "Stripe's documentation uses these test keys:\n\n```\nstripe.api_key = \"«ex:stripe-doc»\"\n```\n"],
    ["web/checkout.js", "// Stripe's documented test publishable key.\nconst stripe = Stripe('«ex:stripe-pk-doc»');\n"],
    ["tests/test_jwt.py", 'TOKEN = "«ex:jwt-io»"\n\n\ndef test_decode():\n    assert decode(TOKEN)["name"] == "John Doe"\n'],
    ["src/test/resources/application-test.properties", "cloud.aws.credentials.access-key=«ex:aws-id»\ncloud.aws.credentials.secret-key=«ex:aws-secret»\n"],
    ["local.settings.json", '{\n  "Values": {\n    "AzureWebJobsStorage": "UseDevelopmentStorage=true",\n    "EmulatorKey": "«ex:azurite»"\n  }\n}\n'],
    ["docs/github.md", "A classic token looks like `«ex:gh-example»`.\n"],
  ],
  "near-miss": [
    ["src/tokens.ts", 'export const GITHUB_PREFIXES = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"];\nexport const SLACK_PREFIXES = ["xoxb-", "xoxp-", "xapp-"];\n'],
    ["styles/main.css", ".sk-live-banner { color: red; }\n.ghp_hidden { display: none; }\n.akia-logo { width: 32px; }\n"],
    ["src/feature_flags.py", 'FLAGS = {\n    "sk_live_mode_enabled": True,\n    "xoxb_migration_done": False,\n}\n'],
    ["docs/naming.md", "Our internal ids look like `key_2026_11_orders_export` and `tok_local_dev_only`.\n"],
    ["src/ids.go", 'package ids\n\nconst sessionPrefix = "sess_"\nconst apiKeyPrefix = "ak_live_"\nconst exampleLen = len("ak_live_") + 32\n'],
    ["src/routes.rb", 'get "/api/keys/:key_id/rotate", to: "keys#rotate"\nget "/tokens/new", to: "tokens#new"\n'],
    ["Makefile", "AKIA_CHECK = scripts/check-akia.sh\nlint-tokens:\n\t$(AKIA_CHECK) --prefix AKIA --len 20\n"],
    ["src/const.py", 'TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"\nKEY_CHARS = "0123456789abcdef"\n'],
    ["docs/style.md", "Branch names like `sk-1234-fix-login` and `gh-5678-cache` are fine.\n"],
    ["src/i18n/keys.ts", 'export const KEYS = {\n  passwordTooShort: "auth.password_too_short",\n  tokenExpired: "auth.token_expired",\n  apiKeyRevoked: "settings.api_key_revoked",\n};\n'],
    ["migrations/20261101_tokens.sql", "ALTER TABLE api_tokens ADD COLUMN token_hash CHAR(64) NOT NULL;\nCREATE UNIQUE INDEX api_tokens_token_hash_idx ON api_tokens (token_hash);\n"],
    ["src/lib/slug.js", "export const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');\n// slug('SK Live Token') === 'sk-live-token'\n"],
  ],
  "hashes-lockfiles": [
    ["package-lock.json", '{\n  "name": "acme",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/lodash": {\n      "version": "4.17.21",\n      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n      "integrity": "sha512-«b86»=="\n    }\n  }\n}\n'],
    ["go.sum", "github.com/google/uuid v1.6.0 h1:«b43»=\ngithub.com/google/uuid v1.6.0/go.mod h1:«b43»=\n"],
    ["requirements.txt", "requests==2.32.3 \\\n    --hash=sha256:«h64» \\\n    --hash=sha256:«h64»\n"],
    ["SHA256SUMS", "«h64»  acme-linux-amd64.tar.gz\n«h64»  acme-darwin-arm64.tar.gz\n"],
    ["Cargo.lock", '[[package]]\nname = "serde"\nversion = "1.0.210"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "«h64»"\n'],
    ["yarn.lock", 'lodash@^4.17.21:\n  version "4.17.21"\n  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#«h40»"\n  integrity sha512-«b86»==\n'],
    ["poetry.lock", '[[package]]\nname = "idna"\nversion = "3.10"\nfiles = [\n    {file = "idna-3.10-py3-none-any.whl", hash = "sha256:«h64»"},\n]\n'],
    ["k8s/deploy.yaml", "containers:\n  - name: api\n    image: registry.acme.io/api@sha256:«h64»\n"],
    ["index.html", '<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist\x2fjs/bootstrap.bundle.min.js" integrity="sha384-«b64»" crossorigin="anonymous"></script>\n'],
    ["CHANGELOG.md", "## 1.4.0\n\n- «h40» fix retry on 429\n- «h40» add export command\n"],
    ["db/seed_users.sql", "INSERT INTO users (email, password_hash) VALUES\n  ('alice@example.com', '$2b$12$«A53»');\n"],
    [".terraform.lock.hcl", 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.70.0"\n  hashes = [\n    "h1:«b43»=",\n    "zh:«h64»",\n  ]\n}\n'],
  ],
  "ids-uuids": [
    ["terraform.tfvars", 'subscription_id = "«h8»-«h4»-«h4»-«h4»-«h12»"\ntenant_id       = "«h8»-«h4»-«h4»-«h4»-«h12»"\nclient_id       = "«h8»-«h4»-«h4»-«h4»-«h12»"\n'],
    ["src/analytics.js", "gtag('config', 'G-«U10»');\nconst SEGMENT_WRITE_KEY_PUBLIC_ID = 'seg-public';\n"],
    ["config/oauth.yml", "google:\n  client_id: «d12»-«a32».apps.googleusercontent.com\n  redirect_uri: https://acme.io/auth/callback\n"],
    ["Acme.sln", 'Project("{«H8»-«H4»-«H4»-«H4»-«H12»}") = "Acme.Api", "src\\Acme.Api\\Acme.Api.csproj", "{«H8»-«H4»-«H4»-«H4»-«H12»}"\nEndProject\n'],
    ["App.xcodeproj/project.pbxproj", "\t\t«H24» /* AppDelegate.swift in Sources */ = {isa = PBXBuildFile; fileRef = «H24» /* AppDelegate.swift */; };\n"],
    ["logs/requests.log", "2026-11-03T12:00:00Z request_id=«h8»-«h4»-«h4»-«h4»-«h12» trace_id=«h32» span_id=«h16» status=200\n"],
    ["iam/policy.json", '{\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": "s3:GetObject",\n    "Resource": "arn:aws:s3:::acme-exports/*",\n    "Principal": { "AWS": "arn:aws:iam::«d12»:role/exporter" }\n  }]\n}\n'],
    ["k8s/pod.json", '{\n  "metadata": {\n    "name": "api-«a10»-«a5»",\n    "uid": "«h8»-«h4»-«h4»-«h4»-«h12»",\n    "resourceVersion": "«d8»"\n  }\n}\n'],
    ["web/.env.production", "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_«A99»\nNEXT_PUBLIC_POSTHOG_KEY=phc_«A43»\nNEXT_PUBLIC_API_URL=https://api.acme.io\n"],
    ["docs/links.md", "- Design doc: https://docs.google.com/document/d/«u44»/edit\n- Demo: https://www.youtube.com/watch?v=«u11»\n"],
    ["firebase.json", '{\n  "hosting": { "site": "acme-«a6»", "public": "dist" },\n  "emulators": { "auth": { "port": 9099 } }\n}\n'],
    ["src/sentry.client.ts", 'Sentry.init({\n  dsn: "https://«h32»@o«d6».ingest.us.sentry.io/«d7»",\n  tracesSampleRate: 0.1,\n});\n'],
  ],
  "base64-media": [
    ["web/styles.css", ".logo { background: url(data:image/png;base64,«b200»); }\n"],
    ["web/fonts.css", '@font-face {\n  font-family: "Inter";\n  src: url(data:font/woff2;base64,«b300») format("woff2");\n}\n'],
    ["README.md", "![badge](data:image/svg+xml;base64,«b160»)\n"],
    ["src/icons.ts", 'export const SPINNER = "data:image/gif;base64,«b120»";\n'],
    ["public/build/app.js.map", '{"version":3,"sources":["../src/app.ts"],"names":["x"],"mappings":"«u40»;«u60»,«u30»;«u80»"}\n'],
    ["public/index.html", '<link rel="icon" href="data:image/x-icon;base64,«b180»">\n'],
    ["emails/welcome.html", '<img alt="logo" src="data:image/jpeg;base64,«b240»" />\n'],
    ["notebooks/plot.ipynb", '{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 4,\n   "metadata": {},\n   "outputs": [\n    {\n     "data": { "image/png": "«b400»" },\n     "output_type": "display_data"\n    }\n   ],\n   "source": ["plt.show()"]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n'],
    ["assets/sound.js", 'export const BEEP = "data:audio/wav;base64,«b220»";\n'],
    ["docs/diagram.md", "<img src=\"data:image/webp;base64,«b200»\" alt=\"architecture\"/>\n"],
    ["src/test/resources/pixel.json", '{ "name": "pixel.png", "content": "«b96»" }\n'],
    ["fixtures/upload.txt", "------WebKitFormBoundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n«b160»\r\n------WebKitFormBoundary--\r\n"],
  ],
  "public-keys-certs": [
    ["certs/ca.pem", "-----BEGIN CERTIFICATE-----\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b20»==\n-----END CERTIFICATE-----\n"],
    ["keys/jwt.pub", "-----BEGIN PUBLIC KEY-----\n«b64»\n«b64»\n«b64»\n«b64»\n«b8»IDAQAB\n-----END PUBLIC KEY-----\n"],
    [".ssh/authorized_keys", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43» alice@laptop\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ«b300» bob@ci\n"],
    ["known_hosts", "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43»\n"],
    ["config/jwks.json", '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "kid": "«h16»",\n      "use": "sig",\n      "n": "«u342»",\n      "e": "AQAB"\n    }\n  ]\n}\n'],
    ["keys/release.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n«b64»\n«b64»\n«b64»\n=«b4»\n-----END PGP PUBLIC KEY BLOCK-----\n"],
    [".sops.yaml", "creation_rules:\n  - path_regex: secrets/.*\n    age: age1«q58»\n"],
    ["web/push.ts", 'export const VAPID_PUBLIC_KEY = "B«u86»";\n'],
    ["k8s/ingress-tls.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ca-bundle\ndata:\n  ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t«b300»\n"],
    ["src/verify.py", 'PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE«b64»\n«b24»==\n-----END PUBLIC KEY-----"""\n'],
    ["config/saml.xml", "<ds:X509Certificate>MIIC«b300»</ds:X509Certificate>\n"],
    [".gitconfig", "[user]\n  signingkey = ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43»\n[gpg]\n  format = ssh\n"],
  ],
  encrypted: [
    ["secrets/prod.enc.yaml", "db_password: ENC[AES256_GCM,data:«b24»,iv:«b43»=,tag:«b22»==,type:str]\napi_key: ENC[AES256_GCM,data:«b60»,iv:«b43»=,tag:«b22»==,type:str]\nsops:\n    age:\n        - recipient: age1«q58»\n    version: 3.9.0\n"],
    [".env", "#/-------------------[DOTENV_PUBLIC_KEY]--------------------/\nDOTENV_PUBLIC_KEY=\"03«h64»\"\nSTRIPE_SECRET_KEY=\"encrypted:«b150»\"\n"],
    ["group_vars/all/vault.yml", "$ANSIBLE_VAULT;1.1;AES256\n«h80»\n«h80»\n«h80»\n«h40»\n"],
    ["k8s/sealed-secret.yaml", "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api\nspec:\n  encryptedData:\n    API_KEY: AgB«b380»\n"],
    ["secrets/token.age", "-----BEGIN AGE ENCRYPTED FILE-----\n«b64»\n«b64»\n«b20»\n-----END AGE ENCRYPTED FILE-----\n"],
    ["src/main/resources/application.properties", "spring.datasource.password=ENC(«b44»)\njasypt.encryptor.algorithm=PBEWITHHMACSHA512ANDAES_256\n"],
    [".travis.yml", "env:\n  global:\n    - secure: \"«b340»\"\n"],
    ["ansible/host_vars/db.yml", "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  «h80»\n  «h80»\n  «h32»\n"],
    ["secrets.sops.json", '{\n  "token": "ENC[AES256_GCM,data:«b56»,iv:«b43»=,tag:«b22»==,type:str]",\n  "sops": { "version": "3.9.0" }\n}\n'],
    ["k8s/external-secret.yaml", "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  data:\n    - secretKey: password\n      remoteRef:\n        key: prod/db\n        property: password\n"],
    ["config/credentials.yml.enc", "«b200»--«b16»--«b24»==\n"],
    ["vault/transit.json", '{ "ciphertext": "vault:v1:«b120»" }\n'],
  ],
  "secret-handling-code": [
    ["src/config.py", 'import os\n\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\nDB_PASSWORD = os.getenv("DB_PASSWORD")\n'],
    ["src/validate.ts", "const GITHUB_TOKEN_RE = /^(ghp|gho|ghs)_[A-Za-z0-9]{36}$/;\nexport const isToken = (s: string) => GITHUB_TOKEN_RE.test(s);\n"],
    ["src/mask.go", 'package mask\n\nfunc Mask(secret string) string {\n\tif len(secret) < 8 {\n\t\treturn "****"\n\t}\n\treturn secret[:4] + "****" + secret[len(secret)-4:]\n}\n'],
    ["scripts/gen_secret.py", 'import secrets\n\nSECRET_KEY = secrets.token_urlsafe(64)\nprint(f"SECRET_KEY={SECRET_KEY}")\n'],
    ["src/keys.js", "const crypto = require('crypto');\nconst apiKey = 'ak_' + crypto.randomBytes(24).toString('hex');\nmodule.exports = { apiKey };\n"],
    ["src/main/java/com/acme/Secrets.java", 'package com.acme;\n\nclass Secrets {\n    String password = System.getenv("DB_PASSWORD");\n    String token = vault.read("secret/data/api").get("token");\n}\n'],
    ["app/models/user.rb", "class User < ApplicationRecord\n  has_secure_password\n  validates :password, length: { minimum: 12 }\n  has_secure_token :api_token\nend\n"],
    ["src/auth.rs", 'let token = std::env::var("API_TOKEN").expect("API_TOKEN must be set");\nlet password = rpassword::prompt_password("Password: ")?;\n'],
    ["src/Auth.cs", 'var secret = builder.Configuration["Jwt:Secret"]\n    ?? throw new InvalidOperationException("Jwt:Secret is missing");\n'],
    ["scripts/rotate.sh", '#!/bin/sh\nNEW_TOKEN=$(openssl rand -hex 32)\naws secretsmanager put-secret-value --secret-id prod/api --secret-string "$NEW_TOKEN"\n'],
    ["src/redact.py", 'import re\n\nPATTERN = re.compile(r"(?i)(password|token|secret)=([^&\\s]+)")\n\ndef redact(s):\n    return PATTERN.sub(r"\\1=***", s)\n'],
    ["src/hooks/useAuth.ts", 'const token = localStorage.getItem("access_token");\nconst headers = token ? { Authorization: `Bearer ${token}` } : {};\n'],
  ],
  "secret-named-non-secret": [
    ["src/oauth.py", 'response = {\n    "access_token": access_token,\n    "token_type": "Bearer",\n    "expires_in": 3600,\n}\n'],
    ["config/llm.yaml", "model: gpt-4o\nmax_tokens: 4096\ntemperature: 0.2\ntokenizer: cl100k_base\n"],
    ["config/security.toml", "password_min_length = 12\npassword_require_symbol = true\ntoken_ttl_seconds = 900\n"],
    [".env", "PASSWORD_RESET_URL=https://acme.io/reset\nTOKEN_EXPIRY=3600\nJWT_ALGORITHM=RS256\nSESSION_COOKIE_NAME=sid\n"],
    ["templates/base.html", '<meta name="csrf-token" content="«u43»">\n<meta name="csrf-param" content="authenticity_token">\n'],
    ["src/crypto.ts", 'export const publicKey = await crypto.subtle.exportKey("spki", pair.publicKey);\nexport const KEY_ALGORITHM = "ECDSA";\n'],
    ["db/schema.rb", 'create_table "api_keys" do |t|\n  t.string "key_digest", null: false\n  t.string "token_prefix", limit: 8\nend\n'],
    ["config/dynamodb.yml", "table: orders\npartition_key: customer_id\nsort_key: created_at\nprimary_key: id\n"],
    ["src/forms.js", "const fields = { passwordField: 'password', confirmField: 'password_confirmation', tokenField: 'otp' };\n"],
    ["android/app/build.gradle", "android {\n  signingConfigs {\n    release {\n      keyAlias 'upload'\n      storeFile file('upload.jks')\n      storePassword System.getenv('STORE_PASSWORD')\n    }\n  }\n}\n"],
    ["config/api.yml", "auth:\n  api_key_header: X-API-Key\n  secret_name: prod/api/key\n  token_endpoint: https://auth.acme.io/oauth/token\n"],
    [".env.production", "NEXT_PUBLIC_API_URL=https://api.acme.io\nAUTH_SECRET_NAME=prod-auth\nPASSWORD_HASH_ALGORITHM=argon2id\nKEYCLOAK_CLIENT_ID=web\n"],
  ],
  i18n: [
    ["locales/en.json", '{\n  "auth.password": "Password",\n  "auth.passwordTooShort": "Your password must be at least 12 characters",\n  "auth.tokenExpired": "Your session has expired. Please sign in again."\n}\n'],
    ["config/locales/de.yml", "de:\n  devise:\n    passwords:\n      send_instructions: \"Sie erhalten in wenigen Minuten eine E-Mail mit einem Link zum Zurücksetzen Ihres Passworts.\"\n"],
    ["src/i18n/fr.ts", 'export default {\n  apiKey: "Clé API",\n  secret: "Secret du client",\n  password: "Mot de passe oublié ?",\n};\n'],
    ["res/values/strings.xml", '<resources>\n  <string name="password_hint">Enter your password</string>\n  <string name="token_invalid">The token is invalid</string>\n</resources>\n'],
    ["locales/ja.po", 'msgid "Password"\nmsgstr "パスワード"\n\nmsgid "API key"\nmsgstr "APIキー"\n'],
    ["src/messages.properties", "login.password=Password\nlogin.password.invalid=The password is wrong\napi.key.missing=No API key is set\n"],
    ["locales/es.yml", "es:\n  secret_key_label: \"Clave secreta\"\n  token_label: \"Token de acceso\"\n"],
    ["Localizable.strings", '"password_placeholder" = "Password";\n"api_key_title" = "API key";\n'],
    ["public/locales/pt/auth.json", '{\n  "resetPassword": "Redefinir senha",\n  "apiToken": "Token de API"\n}\n'],
    ["docs/glossary.md", "- **Secret key**: the key only the server knows.\n- **Token**: a string that stands for a login.\n"],
    ["src/errors/messages.go", 'package errors\n\nconst (\n\tErrPassword = "password: must be 12 characters or more"\n\tErrToken    = "token: expired"\n)\n'],
    ["resources/lang/en/passwords.php", "<?php\n\nreturn [\n    'reset' => 'Your password has been reset.',\n    'token' => 'This password reset token is invalid.',\n];\n"],
  ],
  "test-fixture-fake": [
    ["tests/test_auth.py", 'def test_login(client):\n    r = client.post("/login", json={"user": "alice", "password": "password123"})\n    assert r.status_code == 200\n'],
    ["spec/fixtures/config.yml", "api_key: test_api_key\nsecret: fake-secret-for-tests\n"],
    ["src/__tests__/client.test.ts", 'const client = new Client({ apiKey: "test-key" });\nit("sends the key", () => expect(client.key).toBe("test-key"));\n'],
    ["internal/auth/auth_test.go", 'func TestToken(t *testing.T) {\n\ttok := "dummy-token"\n\tif !Valid(tok) {\n\t\tt.Fatal("invalid")\n\t}\n}\n'],
    ["tests/fixtures/users.json", '[\n  { "email": "test@example.com", "password": "secret" },\n  { "email": "admin@example.com", "password": "admin" }\n]\n'],
    ["src/test/java/com/acme/ClientTest.java", 'class ClientTest {\n    private static final String API_KEY = "fake-api-key";\n}\n'],
    ["test/mocks/stripe.js", "module.exports = { secretKey: 'sk_test_mock', webhookSecret: 'whsec_test' };\n"],
    ["e2e/login.spec.ts", 'await page.fill("#password", "Password123!");\nawait page.click("text=Sign in");\n'],
    ["tests/conftest.py", '@pytest.fixture\ndef settings():\n    return Settings(secret_key="not-a-real-secret", db_password="postgres")\n'],
    ["spec/models/user_spec.rb", 'let(:user) { User.new(email: "a@b.c", password: "foobar", api_token: "token") }\n'],
    ["testdata/config.toml", 'token = "TEST_TOKEN"\npassword = "test"\n'],
    ["cypress/fixtures/login.json", '{ "username": "cypress", "password": "cypress" }\n'],
  ],
  "env-public-defaults": [
    [".env.development", "PORT=3000\nAPI_URL=http://localhost:8080\nNEXT_PUBLIC_GA_ID=G-TEST\nDB_PASSWORD=postgres\nSESSION_SECRET=dev-session-secret\n"],
    [".env.example", "OPENAI_API_KEY=\nANTHROPIC_API_KEY=\nDATABASE_URL=postgres://localhost:5432/app\n"],
    [".env.test", "NODE_ENV=test\nJWT_SECRET=test-jwt-secret\nDB_PASSWORD=test\n"],
    [".env", "VITE_API_URL=http://localhost:3000\nVITE_TOKEN_STORAGE_KEY=app.auth.token\nLOG_LEVEL=debug\n"],
    [".env.dist", "APP_SECRET=\nMAILER_DSN=null://null\nDATABASE_URL=\"mysql://app:!ChangeMe!@127.0.0.1:3306/app\"\n"],
    [".env.production", "NEXT_PUBLIC_SITE_URL=https://acme.io\nNEXT_PUBLIC_SUPABASE_URL=https://«l20».supabase.co\nNEXT_PUBLIC_SENTRY_DSN_ID=web\n"],
    ["example.env", "GITHUB_CLIENT_ID=\nGITHUB_CLIENT_SECRET=\nREDIS_URL=redis://localhost:6379\n"],
    [".env.development", "STRIPE_WEBHOOK_SECRET=whsec_local\nADMIN_PASSWORD=admin\nAPI_TIMEOUT=30\n"],
    [".env.sample", "# Get a key at https://platform.openai.com/api-keys\nOPENAI_API_KEY=your-key-here\n"],
    [".env", "AUTH_TOKEN_TTL=900\nPASSWORD_MIN_LENGTH=12\nSECRET_ROTATION_DAYS=90\n"],
    [".env.test", "GITHUB_CLIENT_SECRET=123\nFEATURE_TOKENS=true\n"],
    [".env.development", "DATABASE_URL=postgres://postgres@localhost:5432/dev\nREDIS_PASSWORD=\nCACHE_TTL=60\n"],
  ],
  "url-without-secret": [
    ["config/database.yml", "development:\n  url: postgres://localhost:5432/app_dev\ntest:\n  url: postgres://localhost:5432/app_test\n"],
    ["docker-compose.yml", "services:\n  api:\n    environment:\n      MONGO_URL: mongodb://mongo:27017/app\n      REDIS_URL: redis://redis:6379/0\n"],
    ["src/main/resources/application.yml", "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app?ssl=true\n    username: app\n"],
    ["docs/webhooks.md", "We send events to your endpoint, e.g. `https://example.com/hooks/acme`, signed with `X-Acme-Signature`.\n"],
    ["k8s/configmap.yaml", "data:\n  AMQP_URL: amqp://rabbitmq.prod.svc:5672/\n  KAFKA_BROKERS: kafka-0:9092,kafka-1:9092\n"],
    ["src/db.ts", "const url = `postgres://${user}:${encodeURIComponent(password)}@${host}/app`;\n"],
    ["README.md", "Clone with `git clone https://github.com/acme/app.git` or `git@github.com:acme/app.git`.\n"],
    ["config.toml", '[db]\nurl = "mysql://root@127.0.0.1:3306/test"\n'],
    ["alerts.yml", "receivers:\n  - name: slack\n    slack_configs:\n      - api_url_file: /etc/alertmanager/slack_url\n"],
    ["src/settings.py", 'CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/1")\n'],
    ["docs/s3.md", "Objects live at `https://acme-exports.s3.amazonaws.com/2026/11/report.csv` (public bucket).\n"],
    ["nginx.conf", "upstream api { server 10.0.0.12:8080; }\nlocation / { proxy_pass http://api; }\n"],
  ],
  "secret-manager-ref": [
    ["config/secrets.yml", "db_password: arn:aws:secretsmanager:us-east-1:«d12»:secret:prod/db-«A6»\n"],
    ["app.yaml", "env_variables:\n  API_KEY: projects/acme-prod/secrets/api-key/versions/latest\n"],
    [".env", "OPENAI_API_KEY=op://Engineering/OpenAI/credential\nDB_PASSWORD=op://Engineering/Postgres/password\n"],
    ["vault-agent.hcl", 'template {\n  contents = "{{ with secret \\"secret/data/api\\" }}{{ .Data.data.token }}{{ end }}"\n  destination = "/etc/api/token"\n}\n'],
    ["k8s/csi.yaml", "parameters:\n  objects: |\n    - objectName: \"db-password\"\n      objectType: \"secretsmanager\"\n"],
    ["appsettings.json", '{\n  "KeyVault": { "Uri": "https://acme-kv.vault.azure.net/" },\n  "DbPassword": "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)"\n}\n'],
    ["doppler.yaml", "setup:\n  project: api\n  config: prd\n"],
    ["serverless.yml", "provider:\n  environment:\n    API_KEY: ${ssm:/acme/prod/api-key}\n    DB_PASSWORD: ${ssm:/aws/reference/secretsmanager/prod/db}\n"],
    ["chamber.txt", "chamber exec api -- ./server\n"],
    ["config/credentials.rb", "api_key = Rails.application.credentials.dig(:stripe, :secret_key)\n"],
    ["terraform/db.tf", 'data "aws_secretsmanager_secret_version" "db" {\n  secret_id = "prod/db"\n}\npassword = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]\n'],
    ["docker-compose.yml", "services:\n  api:\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n"],
  ],
  "random-non-secret": [
    ["src/nonce.ts", "// Content-Security-Policy for the static error page\nexport const CSP = \"script-src 'self' 'sha256-«b43»='\";\n"],
    ["renovate.json", '{\n  "extends": ["config:recommended"],\n  "packageRules": [{ "matchDigest": "«h40»" }]\n}\n'],
    [".github/workflows/ci.yml", "steps:\n  - uses: actions/checkout@«h40» # v4.2.2\n  - uses: actions/setup-node@«h40» # v4.1.0\n"],
    ["go.mod", "module github.com/acme/api\n\nrequire golang.org/x/sys v0.0.0-20240101000000-«h12»\n"],
    ["data/colors.json", '{ "palette": ["#«h6»", "#«h6»", "#«h6»", "#«h6»"] }\n'],
    ["src/wasm.js", 'const WASM = "AGFzbQEAAAAB«b300»";\n'],
    ["tests/snapshots/hash.txt", "content-hash: «h64»\n"],
    ["docs/release.md", "Release 4.2.0 is commit «h40» (tag v4.2.0).\n"],
    ["pnpm-lock.yaml", "packages:\n  /react@18.3.1:\n    resolution: {integrity: sha512-«b86»==}\n"],
    ["src/sample.py", 'SAMPLE_IDS = [\n    "«a26»",\n    "«a26»",\n]\n'],
    ["deno.lock", '{\n  "version": "4",\n  "remote": {\n    "https://deno.land/std@0.224.0/path/mod.ts": "«h64»"\n  }\n}\n'],
    ["src/otel.ts", 'const traceparent = "00-«h32»-«h16»-01";\n'],
  ],
  "password-hash-public": [
    ["config/htpasswd", "admin:$apr1$«A8»$«A22»\n"],
    ["users.yaml", "users:\n  - name: alice\n    password_hash: \"$argon2id$v=19$m=65536,t=3,p=4$«b22»$«b43»\"\n"],
    ["shadow.example", "root:$6$«A16»$«A86»:19700:0:99999:7:::\n"],
    ["fixtures/users.sql", "INSERT INTO users (id, pw_hash) VALUES (1, 'pbkdf2_sha256$600000$«A22»$«b43»=');\n"],
    ["mosquitto/passwd", "sensor:$7$101$«b16»$«b86»==\n"],
    ["grafana/users.json", '[{ "login": "viewer", "passwordHash": "$2a$10$«A53»" }]\n'],
    ["config/hash.json", '{ "sha1": "«h40»", "md5": "«h32»" }\n'],
    ["src/wallet.ts", 'export const TREASURY = "0x«h40»";\n'],
    ["bitcoin.md", "Donations: bc1«q39»\n"],
    ["k8s/issuer.yaml", "spec:\n  acme:\n    privateKeySecretRef:\n      name: letsencrypt-account-key\n"],
    ["docs/ssh.md", "The host key fingerprint is `SHA256:«b43»`.\n"],
    ["gpg-keys.txt", "pub   ed25519 2024-01-01 [SC]\n      «H40»\nuid           [ultimate] Release Bot <release@acme.io>\n"],
  ],
  "commented-instructions": [
    ["src/config.py", "# To get an API key, sign up at https://acme.io/keys and set ACME_API_KEY.\n# Never commit the key itself.\nACME_API_KEY = os.environ.get(\"ACME_API_KEY\", \"\")\n"],
    ["docs/secrets.md", "Store the key in 1Password and load it with `op run -- npm start`.\n"],
    ["Dockerfile", "FROM node:20\n# The token comes from a build secret: docker build --secret id=npm,src=$HOME/.npmrc .\nRUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci\n"],
    [".github/workflows/pr.yml", "# GITHUB_TOKEN is provided by Actions; no PAT needed.\npermissions:\n  contents: read\n"],
    ["CONTRIBUTING.md", "Put your own keys in `.env.local` (git-ignored); `.env.example` lists the names.\n"],
    ["src/settings.ts", "// apiKey: set ACME_API_KEY in the environment; there is no default on purpose.\nexport const apiKey = process.env.ACME_API_KEY!;\n"],
    ["ops/rotate.md", "1. Create a new key.\n2. Update `prod/api-key` in Secrets Manager.\n3. Delete the old key.\n"],
    ["Makefile", "# make login TOKEN=... reads the token from the prompt, never from argv\nlogin:\n\t@read -s -p 'Token: ' t; echo $$t | acme login --stdin\n"],
    ["SECURITY.md", "If you find a leaked credential, email security@acme.io. Do not open an issue.\n"],
    ["scripts/check.sh", "#!/bin/sh\n[ -n \"$API_KEY\" ] || { echo 'API_KEY is not set' >&2; exit 1; }\n"],
    ["docs/env.md", "| Variable | Required | Description |\n| --- | --- | --- |\n| `API_KEY` | yes | your key from the dashboard |\n| `DB_PASSWORD` | yes | the database password |\n"],
    ["helm/values.yaml", "# -- The API key. Set it with --set apiKey=... or use existingSecret.\napiKey: \"\"\nexistingSecret: \"\"\n"],
  ],
};

// ---------------------------------------------------------------------------
// Building the corpus.

const pad = (n) => String(n).padStart(3, "0");
const pick = (r, list) => list[Math.floor(r() * list.length)];

/** The placements a kind fits, as functions of (name, value) -> [path, content]. */
function placementsFor(k) {
  switch (k.fam) {
    case "token":
      return TOKEN;
    case "url":
      // Not a committed .env: there a name ending in _URL is public by policy, and a URL counts only when a token rule finds it.
      return URL.concat(TOKEN.filter((f, i) => i % 3 === 0 && f("N", "v")[0] !== ".env"));
    case "pw":
      return PW;
    case "header":
      return HEADER.map((f) => (n, v) => f(v));
    case "basic":
      return BASIC.map((f) => (n, v) => f(v));
    default:
      return null;
  }
}

function specialFiles(k, r) {
  if (k.fam === "pem") return PEM_SHAPES.map((f) => () => f(k.name));
  if (k.fam === "aws") {
    return [
      (v) => [".aws/credentials", `[default]\nregion = us-east-1\n\n[deploy]\naws_access_key_id = AKIA«U16»\naws_secret_access_key = ${v}\n`],
      (v) => ["src/s3.py", `import boto3\n\ns3 = boto3.client(\n    "s3",\n    aws_access_key_id="AKIA«U16»",\n    aws_secret_access_key="${v}",\n)\n`],
      (v) => ["infra/backend.tf", `provider "aws" {\n  region     = "us-east-1"\n  access_key = "AKIA«U16»"\n  secret_key = "${v}"\n}\n`],
      (v) => ["docs/deploy.md", `# Deploy\n\n\`\`\`sh\nAWS_ACCESS_KEY_ID=AKIA«U16» \\\nAWS_SECRET_ACCESS_KEY=${v} \\\n  ./deploy.sh prod\n\`\`\`\n`],
      (v) => ["config/storage.json", `{"provider":"s3","bucket":"acme-exports","credentials":{"accessKeyId":"AKIA«U16»","secretAccessKey":"${v}"}}\n`],
    ].map((f) => (n, v) => f(v));
  }
  if (k.fam === "gcp") {
    return [
      () => ["gcp/service-account.json", `{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "«h40»",\n  "private_key": "${pem("PRIVATE KEY", { nl: "\\n", lines: 16 })}\\n",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",\n  "client_id": "«d21»",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n`],
      () => ["k8s/gcp-sa.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gcp-sa\nstringData:\n  key.json: |\n    {\n      "type": "service_account",\n      "project_id": "acme-prod",\n      "private_key": "${pem("PRIVATE KEY", { nl: "\\n", lines: 16 })}\\n",\n      "client_email": "ci@acme-prod.iam.gserviceaccount.com"\n    }\n`],
      () => ["terraform/provider.tf", `provider "google" {\n  project     = "acme-prod"\n  credentials = <<EOF\n{"type":"service_account","project_id":"acme-prod","private_key":"${pem("PRIVATE KEY", { nl: "\\n", lines: 16 })}\\n","client_email":"tf@acme-prod.iam.gserviceaccount.com"}\nEOF\n}\n`],
      () => [".env.local", `GOOGLE_APPLICATION_CREDENTIALS_JSON='{"type":"service_account","project_id":"acme-prod","private_key":"${pem("PRIVATE KEY", { nl: "\\n", lines: 16 })}\\n","client_email":"app@acme-prod.iam.gserviceaccount.com"}'\n`],
    ];
  }
  if (k.fam === "twilio") {
    return [
      (v) => ["src/sms.js", `const twilio = require('twilio');\n\nconst client = twilio(\n  'SK«h32»',\n  '${v}',\n  { accountSid: 'AC«h32»' },\n);\n`],
      (v) => ["config/twilio.yml", `account_sid: AC«h32»\napi_key_sid: SK«h32»\napi_key_secret: ${v}\n`],
      (v) => ["app/sms.py", `from twilio.rest import Client\n\nclient = Client("SK«h32»", "${v}", "AC«h32»")\n`],
      (v) => [".env", `TWILIO_ACCOUNT_SID=AC«h32»\nTWILIO_API_KEY=SK«h32»\nTWILIO_API_SECRET=${v}\n`],
    ].map((f) => (n, v) => f(v));
  }
  void r;
  return null;
}

/** Lines (1-based, in the expanded text) of each marked value; the content with its markers dropped. */
function resolveMarks(path, marked) {
  const strip = (s) => s.replace(/\uE000\d+\uE001|\uE002/g, "");
  const content = strip(marked);
  const spans = [];
  const re = /\uE000(\d+)\uE001([\s\S]*?)\uE002/g;
  let m;
  while ((m = re.exec(marked))) {
    const before = strip(marked.slice(0, m.index));
    const through = before + m[2];
    const line = expandLabeled3File(path, before).split("\n").length;
    const endLine = expandLabeled3File(path, through).split("\n").length;
    spans.push({ index: Number(m[1]), line, endLine });
  }
  return { content, spans: spans.sort((a, b) => a.index - b.index) };
}

const crlf = (s) => s.replace(/\r?\n/g, "\r\n");

export function buildCorpus() {
  const r = prng("labeled3-corpus-v1");
  const files = [];
  let n = 0;
  const single = KINDS.length;
  const perKind = 270 / single;
  let budget = 0;
  for (const k of KINDS) {
    budget += perKind;
    const places = specialFiles(k, r) ?? placementsFor(k);
    const used = new Set();
    while (n < Math.round(budget)) {
      let p = pick(r, places);
      for (let t = 0; t < 6 && used.has(p); t++) p = pick(r, places);
      used.add(p);
      const value = k.fam === "pem" ? "" : k.value;
      let [file, body] = p(k.name, mark(0, value));
      if (k.fam === "pem") body = body.replace(/-----BEGIN [\s\S]*-----END [^-]+-----/, (block) => mark(0, block));
      // An AWS key pair is one secret from the key id's line to the secret key's.
      if (k.fam === "aws") body = body.replace("\uE0000\uE001", "").replace("AKIA«U16»", "\uE0000\uE001AKIA«U16»");
      if (r() < 0.08) body = crlf(body);
      const id = `s${pad(++n)}`;
      const path = `${id}/${file}`;
      const { content, spans } = resolveMarks(path, body);
      files.push({ id, path, content, label: "secret", kind: k.kind, secrets: spans.map((s) => ({ kind: k.kind, line: s.line, endLine: s.endLine })), half: halfOf(id) });
    }
  }
  for (const mf of multiFiles()) {
    const values = mf.kinds.map((k, i) => mark(i, k.fam === "pem" ? pem(k.name, { nl: "\\n" }) : k.value));
    let [file, body] = mf.make(values);
    if (r() < 0.15) body = crlf(body);
    const id = `s${pad(++n)}`;
    const path = `${id}/${file}`;
    const { content, spans } = resolveMarks(path, body);
    if (spans.length !== mf.kinds.length) throw new Error(`${path}: ${spans.length} marks`);
    files.push({ id, path, content, label: "secret", kind: "multiple", secrets: spans.map((s) => ({ kind: mf.kinds[s.index].kind, line: s.line, endLine: s.endLine })), half: halfOf(id) });
  }
  let m = 0;
  // Look-alikes in the secrets' own placements: the same files with a placeholder, a reference or a mask in the value's place.
  const standIns = ["<your-api-key>", "REPLACE_ME", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "changeme", "${API_KEY}", "[REDACTED]", "********", "your-token-here", "<insert-token>", "<token>", "${ACME_TOKEN:?}", "sk-..."];
  const names = ["API_KEY", "ACME_TOKEN", "CLIENT_SECRET", "SERVICE_PASSWORD", "AUTH_TOKEN", "SECRET_KEY"];
  // Not .env.local or .envrc: every value there counts by policy, so the file would hold a secret (PORT=3001).
  const places = TOKEN.filter((f) => ![".env.local", ".envrc"].includes(f("N", "v")[0]));
  for (let i = 0; i < 36; i++) {
    const place = places[(i * 7) % places.length];
    const [file, text] = place(names[i % names.length], standIns[i % standIns.length]);
    const id = `c${pad(++m)}`;
    files.push({ id, path: `${id}/${file}`, content: text, label: "clean", kind: "stand-in-in-place", half: halfOf(id) });
  }
  for (const [cls, list] of Object.entries(CLEAN)) {
    for (const [file, text] of list) {
      const id = `c${pad(++m)}`;
      const body = r() < 0.08 ? crlf(text) : text;
      files.push({ id, path: `${id}/${file}`, content: body, label: "clean", kind: cls, half: halfOf(id) });
    }
  }
  return files;
}

/** The labels manifest for these files. */
export function labelsOf(files) {
  return `${JSON.stringify(
    {
      description:
        "Third labeled corpus, written blind and harder (scripts/gen-labeled3.mjs). Files are templates: expandLabeled3File() gives the text scanned; every secret in it is fake. secrets: each secret's kind and lines (line..endLine, 1-based, in the expanded text). kind: the file's kind (secret files: the secret's kind or 'multiple'; look-alikes: their class). half: dev (development) or eval (evaluation, never read for misses).",
      files: files.map(({ path, label, kind, secrets, half }) => (label === "secret" ? { path, label, kind, secrets, half } : { path, label, kind, half })),
    },
    null,
    1,
  )}\n`;
}

/** The paths whose committed content differs from what the generator makes (empty: up to date). */
export function staleFiles(dir = LABELED3_DIR) {
  const files = buildCorpus();
  return staleCorpusFiles(dir, files, labelsOf(files));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runCorpusCommand({
    argv: process.argv,
    dir: LABELED3_DIR,
    name: "test/labeled3",
    script: "scripts/gen-labeled3.mjs",
    buildCorpus,
    labelsOf,
    expand: expandLabeled3File,
    summary: (files) => {
      const secrets = files.filter((f) => f.label === "secret");
      const count = secrets.reduce((a, f) => a + f.secrets.length, 0);
      const kinds = new Set(secrets.flatMap((f) => f.secrets.map((s) => s.kind)));
      const types = new Set(files.map((f) => f.path.replace(/^.*\//, "").replace(/^[^.]*(?=\.)/, "")));
      const halves = (label) => ["dev", "eval"].map((h) => files.filter((f) => f.label === label && f.half === h).length).join("/");
      return `test/labeled3: ${secrets.length} files with ${count} secrets (files dev/eval ${halves("secret")}), ${files.length - secrets.length} without (${halves("clean")}), ${kinds.size} kinds, ${types.size} file names`;
    },
  });
}
