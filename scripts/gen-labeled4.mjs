// Generates a fourth labeled corpus for the secret scanner (test/labeled4/),
// written blind: before any rule in src/scan, any rule example, any other
// corpus's cases or src/scan/documented-examples.json was read (only the policy
// "What blocks a commit" and the labeled2/labeled3 sections of docs/scan.md, and
// the second and third corpora's harness: how they write files, template values,
// label lines and split halves). About 700 whole files: about 300 hold one or
// more secrets (each labeled with its kind and lines), about 400 are hard
// look-alikes, more and harder than the third corpus's, so a false-positive rate
// is measured to a finer grain. Formats follow each vendor's public
// documentation; look-alikes follow what other scanners' issues say they
// allow-list or false-alarm on (generated code, test vectors, i18n, API specs,
// migrations, Terraform state, Kubernetes references, CI references, format
// docs, random ids, public keys, encrypted values).
//
// Files are committed as templates (test/helpers/fake-secrets.mjs, plus «pw»
// for a person's password and «ex:NAME» for a vendor's documented example or a
// published test vector, both expanded here), seeded by the file's path, so no
// token-shaped string is in the repository. Each file's half is fixed by a
// seeded hash of its id, before any scoring.
//
//   node scripts/gen-labeled4.mjs            write test/labeled4/
//   node scripts/gen-labeled4.mjs --check    exit 1 if test/labeled4/ is out of date
//   node scripts/gen-labeled4.mjs --expand DIR   write the expanded corpus to DIR

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expandFake, prng } from "../test/helpers/fake-secrets.mjs";
import { camel, dotted, kebab, mark, pascal, runCorpusCommand, snake, staleCorpusFiles } from "./generated-corpus.mjs";

export const LABELED4_DIR = join(dirname(fileURLToPath(import.meta.url)), "../test/labeled4");

// ---------------------------------------------------------------------------
// Values a template cannot draw: a person's password (a word, digits and maybe a
// sign: low entropy, never all lowercase words, which the policy passes as a
// stand-in) and published examples, kept here in pieces so that no whole example
// sits in the source.

const WORDS = ["Pelican", "harvest", "Cobalt", "Tundra", "meadow", "Saffron", "Rocket", "badger", "Crimson", "Everest", "willow", "Phoenix", "Canyon", "lemonade", "Zephyr", "Osprey", "Topaz", "walrus", "Sequoia", "Bramble"];
const SIGNS = ["!", "#", "$", "%", "&", "*", "+", "=", "/", "!!", "@", "", "", "."];

function password(seed) {
  const r = prng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const digits = String(Math.floor(r() * 90000) + 10000).slice(0, 2 + Math.floor(r() * 3));
  const w = pick(WORDS);
  const cap = w[0].toUpperCase() + w.slice(1);
  const form = Math.floor(r() * 5);
  if (form === 0) return `${cap}${pick(SIGNS)}${digits}`;
  if (form === 1) return `${w}${digits}${pick(SIGNS)}`;
  if (form === 2) return `${cap.replace(/e/g, "3").replace(/o/g, "0")}${digits}`;
  if (form === 3) return `${cap}${pick(WORDS)}${digits}`;
  return `${w}_${digits}_${cap}`;
}

const EXAMPLES = {
  // AWS's documented example key pair (IAM user guide).
  "aws-id": ["AKIA", "IOSFODNN7", "EXAMPLE"],
  "aws-secret": ["wJalrXUtnFEMI", "/K7MDENG/bPxRfiCY", "EXAMPLEKEY"],
  // jwt.io's default token (HS256, "John Doe").
  jwtio: ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ", ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"],
  // Stripe's API reference sample test key (docs.stripe.com/api/authentication).
  "stripe-doc": ["sk_", "test_", "BQokikJOvBiI2HlWgH4olfQ2"],
  // Azurite's well-known development storage account key.
  azurite: ["Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "/K1SZFPTOtr/KBHBeksoGMGw=="],
  // Slack's documented incoming-webhook example.
  "slack-doc": ["https://hooks.slack.com/services/", "T00000000/B00000000/", "XXXXXXXXXXXXXXXXXXXXXXXX"],
  // RFC 7515 appendix A.1: the HMAC key of the JWS example (a JWK "k").
  "rfc7515-k": ["AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T", "-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"],
  // RFC 8032 section 7.1, TEST 1: an Ed25519 secret key and its public key.
  "rfc8032-sk": ["9d61b19deffd5a60ba844af492ec2cc4", "4449c5697b326919703bac031cae7f60"],
  "rfc8032-pk": ["d75a980182b10ab7d54bfed3c964073a", "0ee172f3daa62325af021a68f707511a"],
  // RFC 7748 section 6.1: Alice's X25519 private key.
  "rfc7748-a": ["77076d0a7318a57d3c16c17251b26645", "df4c2f87ebc0992ab177fba51db92c2a"],
  // NIST SP 800-38A: the AES-128 and AES-256 keys of the example vectors.
  "nist-aes128": ["2b7e151628aed2a6", "abf7158809cf4f3c"],
  "nist-aes256": ["603deb1015ca71be2b73aef0857d7781", "1f352c073b6108d72d9810a30914dff4"],
  // RFC 4231 test case 1: twenty 0x0b bytes, as hex.
  "rfc4231-1": ["0b0b0b0b0b0b0b0b0b0b", "0b0b0b0b0b0b0b0b0b0b"],
};

/** The text a corpus file stands for: its template with every fake secret expanded. */
export function expandLabeled4File(path, template) {
  let k = 0;
  const own = template.replace(/«pw»|«ex:([a-z0-9-]+)»|«clerkpk»/g, (m, name) => {
    if (m === "«clerkpk»") return `pk_live_${Buffer.from("clerk.shop.acme-outdoors.com$").toString("base64").replace(/=+$/, "")}`;
    if (!name) return password(`labeled4-pw:${path}:${k++}`);
    if (!EXAMPLES[name]) throw new Error(`unknown example ${name}`);
    return EXAMPLES[name].join("");
  });
  return expandFake(own, `labeled4:${path}`);
}

/** The half a file belongs to, from a seeded hash of its id alone. */
export function halfOf(id) {
  return prng(`labeled4-split-v1:${id}`)() < 0.5 ? "dev" : "eval";
}

// ---------------------------------------------------------------------------
// Names in the forms each language writes them (camel, snake, pascal, kebab, dotted) and the marks around a value
// while a file is built (mark) come from ./generated-corpus.mjs.

const PEM_HEADS = {
  "RSA PRIVATE KEY": "MIIEpAIBAAKCAQEA«b48»",
  "PRIVATE KEY": "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC«b32»",
  "EC PRIVATE KEY": "MHcCAQEEI«b55»",
  "OPENSSH PRIVATE KEY": "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
  "DSA PRIVATE KEY": "MIIBuwIBAAKBgQ«b50»",
};

/** A PEM block written out of template classes, so it can sit indented, escaped or joined as its file needs. */
function pem(label, { indent = "", nl = "\n", lines = 12 } = {}) {
  const body = [];
  const count = label === "EC PRIVATE KEY" ? 2 : label === "OPENSSH PRIVATE KEY" ? 5 : lines;
  if (label === "PGP PRIVATE KEY BLOCK") body.push(`${indent}Version: GnuPG v2`, "");
  for (let i = 0; i < count; i++) body.push(`${indent}${i === 0 && PEM_HEADS[label] ? PEM_HEADS[label] : label === "OPENSSH PRIVATE KEY" ? "«b70»" : "«b64»"}`);
  return `-----BEGIN ${label}-----${nl}${body.join(nl)}${nl}${indent}«b24»==${nl}${indent}-----END ${label}-----`;
}

// ---------------------------------------------------------------------------
// Kinds of secret: the name a project keeps it under, the value's template (from
// the vendor's documented format) and its family: token (any assignment), url (a
// URL or connection string), pw (a password), header (a value for an
// Authorization header), pem (a multi-line private key).

const KINDS = [
  // LLM providers
  { kind: "openai-project-key", name: "OPENAI_API_KEY", value: "sk-proj-«u64»T3BlbkFJ«u64»", fam: "token" },
  { kind: "openai-svcacct-key", name: "OPENAI_KEY", value: "sk-svcacct-«u64»T3BlbkFJ«u64»", fam: "token" },
  { kind: "anthropic-api-key", name: "ANTHROPIC_API_KEY", value: "sk-ant-api03-«u93»AA", fam: "token" },
  { kind: "google-api-key", name: "GEMINI_API_KEY", value: "AIza«u35»", fam: "token" },
  { kind: "groq-api-key", name: "GROQ_API_KEY", value: "gsk_«A52»", fam: "token" },
  { kind: "xai-api-key", name: "XAI_API_KEY", value: "xai-«A80»", fam: "token" },
  { kind: "huggingface-token", name: "HF_TOKEN", value: "hf_«L34»", fam: "token" },
  { kind: "replicate-token", name: "REPLICATE_API_TOKEN", value: "r8_«A37»", fam: "token" },
  { kind: "openrouter-key", name: "OPENROUTER_API_KEY", value: "sk-or-v1-«h64»", fam: "token" },
  { kind: "deepseek-key", name: "DEEPSEEK_API_KEY", value: "sk-«h32»", fam: "token" },
  { kind: "mistral-key", name: "MISTRAL_API_KEY", value: "«A32»", fam: "token" },
  { kind: "together-key", name: "TOGETHER_API_KEY", value: "«h64»", fam: "token" },
  { kind: "langsmith-key", name: "LANGSMITH_API_KEY", value: "lsv2_pt_«h32»_«h10»", fam: "token" },
  { kind: "tavily-key", name: "TAVILY_API_KEY", value: "tvly-dev-«A32»", fam: "token" },
  { kind: "pinecone-key", name: "PINECONE_API_KEY", value: "pcsk_«A5»_«A62»", fam: "token" },
  // Clouds and hosting
  { kind: "aws-keypair", name: "AWS_SECRET_ACCESS_KEY", value: "«A18»/«b21»", fam: "aws" },
  { kind: "azure-storage-conn", name: "AZURE_STORAGE_CONNECTION_STRING", value: "DefaultEndpointsProtocol=https;AccountName=acmeexports;AccountKey=«b86»==;EndpointSuffix=core.windows.net", fam: "url" },
  { kind: "azure-client-secret", name: "AZURE_CLIENT_SECRET", value: "«A3»8Q~«u34»", fam: "token" },
  { kind: "gcp-service-account", name: "GOOGLE_CREDENTIALS", value: "", fam: "gcp" },
  { kind: "digitalocean-token", name: "DIGITALOCEAN_TOKEN", value: "dop_v1_«h64»", fam: "token" },
  { kind: "heroku-key", name: "HEROKU_API_KEY", value: "HRKU-AA«u58»", fam: "token" },
  { kind: "ibm-cloud-key", name: "IBMCLOUD_API_KEY", value: "«u44»", fam: "token" },
  { kind: "cloudflare-token", name: "CLOUDFLARE_API_TOKEN", value: "«u40»", fam: "token" },
  { kind: "vercel-token", name: "VERCEL_TOKEN", value: "«A24»", fam: "token" },
  { kind: "netlify-token", name: "NETLIFY_AUTH_TOKEN", value: "nfp_«A36»", fam: "token" },
  { kind: "alibaba-keypair", name: "ALIBABA_CLOUD_ACCESS_KEY_SECRET", value: "«A30»", fam: "ali" },
  // CI/CD, registries, infrastructure
  { kind: "github-pat", name: "GITHUB_TOKEN", value: "ghp_«A36»", fam: "token" },
  { kind: "github-fine-grained", name: "GH_PAT", value: "github_pat_11«U20»_«A59»", fam: "token" },
  { kind: "github-app-token", name: "GH_INSTALLATION_TOKEN", value: "ghs_«A36»", fam: "token" },
  { kind: "gitlab-pat", name: "GITLAB_TOKEN", value: "glpat-«u20»", fam: "token" },
  { kind: "gitlab-runner-token", name: "RUNNER_TOKEN", value: "glrt-«u20»", fam: "token" },
  { kind: "circleci-token", name: "CIRCLE_TOKEN", value: "CCIPAT_«A22»_«h40»", fam: "token" },
  { kind: "npm-token", name: "NPM_TOKEN", value: "npm_«A36»", fam: "token" },
  { kind: "pypi-token", name: "PYPI_API_TOKEN", value: "pypi-AgEIcHlwaS5vcmc«u80»", fam: "token" },
  { kind: "dockerhub-pat", name: "DOCKERHUB_TOKEN", value: "dckr_pat_«u27»", fam: "token" },
  { kind: "terraform-cloud-token", name: "TFE_TOKEN", value: "«A14».atlasv1.«A67»", fam: "token" },
  { kind: "vault-token", name: "VAULT_TOKEN", value: "hvs.«A24»", fam: "token" },
  { kind: "doppler-token", name: "DOPPLER_TOKEN", value: "dp.st.prd.«A43»", fam: "token" },
  { kind: "pulumi-token", name: "PULUMI_ACCESS_TOKEN", value: "pul-«h40»", fam: "token" },
  { kind: "sonarqube-token", name: "SONAR_TOKEN", value: "squ_«h40»", fam: "token" },
  // SaaS
  { kind: "slack-bot-token", name: "SLACK_BOT_TOKEN", value: "xoxb-«d12»-«d13»-«A24»", fam: "token" },
  { kind: "slack-webhook", name: "SLACK_WEBHOOK_URL", value: "https://hooks.slack.com/services/T«U10»/B«U10»/«A24»", fam: "url" },
  { kind: "discord-webhook", name: "DISCORD_WEBHOOK", value: "https://discord.com/api/webhooks/«d19»/«u68»", fam: "url" },
  { kind: "teams-webhook", name: "TEAMS_WEBHOOK_URL", value: "https://acme.webhook.office.com/webhookb2/«h8»-«h4»-«h4»-«h4»-«h12»@«h8»-«h4»-«h4»-«h4»-«h12»/IncomingWebhook/«h32»/«h8»-«h4»-«h4»-«h4»-«h12»", fam: "url" },
  { kind: "telegram-bot-token", name: "TELEGRAM_BOT_TOKEN", value: "«d10»:AA«u33»", fam: "token" },
  { kind: "twilio-auth-token", name: "TWILIO_AUTH_TOKEN", value: "«h32»", fam: "token" },
  { kind: "sendgrid-key", name: "SENDGRID_API_KEY", value: "SG.«u22».«u43»", fam: "token" },
  { kind: "mailgun-key", name: "MAILGUN_API_KEY", value: "«h32»-«h8»-«h8»", fam: "token" },
  { kind: "postmark-token", name: "POSTMARK_SERVER_TOKEN", value: "«h8»-«h4»-«h4»-«h4»-«h12»", fam: "token" },
  { kind: "resend-key", name: "RESEND_API_KEY", value: "re_«A8»_«A24»", fam: "token" },
  { kind: "datadog-api-key", name: "DD_API_KEY", value: "«h32»", fam: "token" },
  { kind: "newrelic-key", name: "NEW_RELIC_API_KEY", value: "NRAK-«U27»", fam: "token" },
  { kind: "sentry-token", name: "SENTRY_AUTH_TOKEN", value: "sntryu_«h64»", fam: "token" },
  { kind: "notion-token", name: "NOTION_TOKEN", value: "ntn_«d11»«A35»", fam: "token" },
  { kind: "linear-key", name: "LINEAR_API_KEY", value: "lin_api_«A40»", fam: "token" },
  { kind: "airtable-pat", name: "AIRTABLE_TOKEN", value: "pat«A14».«h64»", fam: "token" },
  { kind: "atlassian-token", name: "JIRA_API_TOKEN", value: "ATATT3xFfGF0«u180»=«H8»", fam: "token" },
  { kind: "hubspot-token", name: "HUBSPOT_ACCESS_TOKEN", value: "pat-na1-«h8»-«h4»-«h4»-«h4»-«h12»", fam: "token" },
  { kind: "asana-pat", name: "ASANA_PAT", value: "2/«d16»/«d16»:«h32»", fam: "token" },
  { kind: "figma-token", name: "FIGMA_TOKEN", value: "figd_«u40»", fam: "token" },
  { kind: "okta-token", name: "OKTA_API_TOKEN", value: "00«u40»", fam: "token" },
  { kind: "launchdarkly-sdk-key", name: "LAUNCHDARKLY_SDK_KEY", value: "sdk-«h8»-«h4»-«h4»-«h4»-«h12»", fam: "token" },
  { kind: "algolia-admin-key", name: "ALGOLIA_ADMIN_API_KEY", value: "«h32»", fam: "token" },
  { kind: "contentful-token", name: "CONTENTFUL_MANAGEMENT_TOKEN", value: "CFPAT-«u43»", fam: "token" },
  { kind: "clerk-secret-key", name: "CLERK_SECRET_KEY", value: "sk_live_«A42»", fam: "token" },
  { kind: "supabase-secret-key", name: "SUPABASE_SECRET_KEY", value: "sb_secret_«u32»", fam: "token" },
  // Payments
  { kind: "stripe-secret-key", name: "STRIPE_SECRET_KEY", value: "sk_live_51«A97»", fam: "token" },
  { kind: "stripe-restricted-key", name: "STRIPE_API_KEY", value: "rk_live_51«A97»", fam: "token" },
  { kind: "stripe-webhook-secret", name: "STRIPE_WEBHOOK_SECRET", value: "whsec_«A32»", fam: "token" },
  { kind: "braintree-token", name: "BRAINTREE_ACCESS_TOKEN", value: "access_token$production$«a16»$«h32»", fam: "token" },
  { kind: "square-token", name: "SQUARE_ACCESS_TOKEN", value: "EAAA«u60»", fam: "token" },
  { kind: "shopify-token", name: "SHOPIFY_ADMIN_TOKEN", value: "shpat_«h32»", fam: "token" },
  { kind: "paypal-secret", name: "PAYPAL_CLIENT_SECRET", value: "E«u79»", fam: "token" },
  // Databases and connection strings
  { kind: "postgres-url", name: "DATABASE_URL", value: "postgresql://app_rw:«A22»@pg-main.internal.acme.io:5432/orders?sslmode=require", fam: "url" },
  { kind: "mongodb-url", name: "MONGODB_URI", value: "mongodb+srv://svc-api:«A20»@cluster0.«a5».mongodb.net/catalog?retryWrites=true&w=majority", fam: "url" },
  { kind: "redis-url", name: "REDIS_URL", value: "rediss://default:«A32»@eu1-brave-cat-31337.upstash.io:6379", fam: "url" },
  { kind: "mysql-url", name: "MYSQL_DSN", value: "mysql://root:«pw»@10.0.3.17:3306/shop", fam: "url" },
  { kind: "mssql-conn", name: "SQL_CONNECTION", value: "Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=billing;User ID=billing_app;Password=«A16»«d2»!;Encrypt=True;", fam: "url" },
  { kind: "amqp-url", name: "AMQP_URL", value: "amqps://orders:«A24»@rabbit.cloudamqp.com/orders", fam: "url" },
  { kind: "cloudinary-url", name: "CLOUDINARY_URL", value: "cloudinary://«d15»:«u27»@acme-media", fam: "url" },
  { kind: "planetscale-password", name: "PLANETSCALE_PASSWORD", value: "pscale_pw_«u43»", fam: "token" },
  { kind: "neon-api-key", name: "NEON_API_KEY", value: "napi_«a64»", fam: "token" },
  // Private keys, JWTs, passwords, auth headers
  { kind: "rsa-private-key", name: "RSA PRIVATE KEY", value: "", fam: "pem" },
  { kind: "pkcs8-private-key", name: "PRIVATE KEY", value: "", fam: "pem" },
  { kind: "ec-private-key", name: "EC PRIVATE KEY", value: "", fam: "pem" },
  { kind: "openssh-private-key", name: "OPENSSH PRIVATE KEY", value: "", fam: "pem" },
  { kind: "pgp-private-key", name: "PGP PRIVATE KEY BLOCK", value: "", fam: "pem" },
  { kind: "age-secret-key", name: "SOPS_AGE_KEY", value: "AGE-SECRET-KEY-1«Q58»", fam: "token" },
  { kind: "jwt", name: "ACCESS_TOKEN", value: "«jwt»", fam: "token" },
  { kind: "password", name: "DB_PASSWORD", value: "«pw»", fam: "pw" },
  { kind: "random-password", name: "ADMIN_PASSWORD", value: "«A14»«d3»", fam: "pw" },
  { kind: "bearer-token", name: "", value: "«A40»", fam: "header" },
  { kind: "basic-auth", name: "", value: "«basicauth»", fam: "basic" },
  { kind: "url-credentials", name: "REGISTRY_URL", value: "https://deploy-bot:«A28»@nexus.acme.io/repository/npm-private/", fam: "url" },
  { kind: "webhook-signing-secret", name: "WEBHOOK_SIGNING_SECRET", value: "«h64»", fam: "token" },
  { kind: "django-secret-key", name: "DJANGO_SECRET_KEY", value: "«A50»", fam: "token" },
];

const PW_NAMES = ["DB_PASSWORD", "POSTGRES_PASSWORD", "SMTP_PASSWORD", "ADMIN_PASSWORD", "MYSQL_ROOT_PASSWORD", "LDAP_BIND_PASSWORD", "KEYSTORE_PASSWORD", "REDIS_PASSWORD", "FTP_PASSWORD", "GRAFANA_ADMIN_PASSWORD"];

// ---------------------------------------------------------------------------
// Placements for one (name, value): each returns [path, content], the value once
// in a whole file such a project commits. Many put the value apart from its
// name, in comments, in docs, in tools' outputs or late in the file.

const LONG_GO = Array.from({ length: 45 }, (_, i) => `func route${i}(w http.ResponseWriter, r *http.Request) {\n\twriteJSON(w, http.StatusOK, map[string]any{"route": "/v2/items/${i}", "page": r.URL.Query().Get("page")})\n}\n`).join("\n");
const LONG_JSON = Array.from({ length: 70 }, (_, i) => `    { "id": ${i + 1}, "sku": "SKU-${1000 + i * 7}", "price": ${(i * 3.25 + 4).toFixed(2)}, "tags": ["outdoor", "v${i % 4}"] }`).join(",\n");
const LONG_TS = Array.from({ length: 50 }, (_, i) => `export const step${i} = (input: Order): Order => ({ ...input, steps: [...input.steps, "step-${i}"], updatedAt: Date.now() });`).join("\n");
const LONG_LOG = Array.from({ length: 120 }, (_, i) => `2026-11-0${1 + (i % 9)}T0${i % 10}:${String(i % 60).padStart(2, "0")}:1${i % 10}Z INFO  worker-${i % 4} job=${1000 + i} status=done duration_ms=${(i * 37) % 900}`).join("\n");

const TOKEN = [
  // Code, twelve and more languages
  (n, v) => ["services/llm/client.py", `import os\n\nimport httpx\n\n# Fallback for local runs; production reads the environment.\n${n} = os.environ.get("${n}", "${v}")\n\n\ndef complete(prompt: str) -> str:\n    r = httpx.post("https://api.acme.dev/v1/complete", headers={"x-api-key": ${n}}, json={"prompt": prompt})\n    r.raise_for_status()\n    return r.json()["text"]\n`],
  (n, v) => ["tools/backfill.py", `"""Backfill job: re-sends the last week's events."""\nimport requests\n\nclient = Client(\n    ${snake(n)}=(\n        "${v}"\n    ),\n    timeout=30,\n)\n\nfor event in client.events(days=7):\n    client.resend(event.id)\n`],
  (n, v) => ["src/lib/vendor.ts", `import { createClient } from "@acme/sdk";\n\nexport const client = createClient({\n  baseUrl: "https://api.acme.dev",\n  ${camel(n)}:\n    process.env.${n} ??\n    "${v}",\n  retries: 3,\n});\n`],
  (n, v) => ["web/src/boot.js", `// boot.js: wires the SDK before the app mounts\nimport { init } from "./sdk";\n\nconst cfg = {\n  region: "eu",\n  '${camel(n)}': \`${v}\`,\n  debug: false,\n};\n\ninit(cfg);\n`],
  (n, v) => ["pkg/integrations/provider.go", `package integrations\n\nimport "os"\n\n// defaultKey is used when ${n} is not set (staging only).\nconst defaultKey = "${v}"\n\nfunc key() string {\n\tif k := os.Getenv("${n}"); k != "" {\n\t\treturn k\n\t}\n\treturn defaultKey\n}\n`],
  (n, v) => ["cmd/worker/main.go", `package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\n${LONG_GO}\nvar settings = struct {\n\tAddr string\n\t${pascal(n)} string\n}{\n\tAddr: ":8080",\n\t${pascal(n)}: "${v}",\n}\n\nfunc main() {\n\tlog.Fatal(http.ListenAndServe(settings.Addr, nil))\n}\n`],
  (n, v) => ["src/main/java/io/acme/integrations/VendorConfig.java", `package io.acme.integrations;\n\nimport org.springframework.context.annotation.Bean;\nimport org.springframework.context.annotation.Configuration;\n\n@Configuration\npublic class VendorConfig {\n    private static final String ${n} =\n        "${v}";\n\n    @Bean\n    public VendorClient vendorClient() {\n        return new VendorClient(${n});\n    }\n}\n`],
  (n, v) => ["app/src/main/java/io/acme/mobile/BuildKeys.kt", `package io.acme.mobile\n\nobject BuildKeys {\n    const val ENDPOINT = "https://api.acme.dev"\n    const val ${n} = "${v}"\n    const val TIMEOUT_MS = 15_000\n}\n`],
  (n, v) => ["Acme.Worker/Settings.cs", `namespace Acme.Worker;\n\npublic static class Settings\n{\n    public const string Region = "westeurope";\n    public static readonly string ${pascal(n)} = @"${v}";\n    public static readonly int Retries = 4;\n}\n`],
  (n, v) => ["lib/acme/vendor_client.rb", `# frozen_string_literal: true\n\nmodule Acme\n  class VendorClient\n    DEFAULT_KEY = <<~KEY.strip\n      ${v}\n    KEY\n\n    def initialize(key: ENV.fetch("${n}", DEFAULT_KEY))\n      @key = key\n    end\n  end\nend\n`],
  (n, v) => ["app/Services/VendorService.php", `<?php\n\nnamespace App\\Services;\n\nclass VendorService\n{\n    private string $key;\n\n    public function __construct()\n    {\n        $this->key = env('${n}', '${v}');\n    }\n}\n`],
  (n, v) => ["crates/sync/src/config.rs", `use std::env;\n\npub struct Config {\n    pub endpoint: String,\n    pub key: String,\n}\n\nimpl Default for Config {\n    fn default() -> Self {\n        Self {\n            endpoint: "https://api.acme.dev".into(),\n            key: env::var("${n}").unwrap_or_else(|_| String::from("${v}")),\n        }\n    }\n}\n`],
  (n, v) => ["AcmeKit/Sources/AcmeKit/Keys.swift", `import Foundation\n\nenum Keys {\n    static let endpoint = URL(string: "https://api.acme.dev")!\n    static let ${camel(n)} = """\n    ${v}\n    """\n}\n`],
  (n, v) => ["lib/src/env.g.dart", `// GENERATED BY envied. Do not edit by hand.\npart of 'env.dart';\n\nfinal class _Env {\n  static const String ${camel(n)} = '${v}';\n  static const String apiBase = 'https://api.acme.dev';\n}\n`],
  (n, v) => ["src/main/scala/acme/Conf.scala", `package acme\n\nobject Conf {\n  val endpoint: String = "https://api.acme.dev"\n  val ${camel(n)}: String = sys.env.getOrElse("${n}", "${v}")\n}\n`],
  (n, v) => ["config/prod.secret.exs", `import Config\n\nconfig :acme, Acme.Vendor,\n  endpoint: "https://api.acme.dev",\n  ${snake(n)}: "${v}"\n\nconfig :acme, AcmeWeb.Endpoint, server: true\n`],
  (n, v) => ["plugins/notify/init.lua", `local M = {}\n\nM.config = {\n  endpoint = "https://api.acme.dev",\n  ${snake(n)} = [[${v}]],\n  timeout = 10,\n}\n\nreturn M\n`],
  (n, v) => ["analysis/pull_metrics.R", `library(httr)\n\nSys.setenv(${n} = "${v}")\n\nresp <- GET("https://api.acme.dev/v1/metrics", add_headers(Authorization = paste("Token", Sys.getenv("${n}"))))\nstop_for_status(resp)\n`],
  (n, v) => ["bin/rotate-logs.pl", `#!/usr/bin/perl\nuse strict;\nuse warnings;\n\nmy %cfg = (\n    endpoint => 'https://api.acme.dev',\n    ${snake(n)}  => q{${v}},\n);\n\nprint "rotating\\n";\n`],
  (n, v) => ["deploy/Publish.ps1", `param([string]$Stage = "prod")\n\n$ErrorActionPreference = "Stop"\n$env:${n} = '${v}'\n\n& ./build.ps1 -Stage $Stage\n`],
  (n, v) => ["firmware/src/secrets.h", `#pragma once\n\n/* Filled in by the release script; do not commit real values. */\n#define WIFI_SSID "acme-lab"\n#define ${n} \\\n    "${v}"\n`],
  (n, v) => ["src/Acme/Config.hs", `module Acme.Config (vendorKey) where\n\nvendorKey :: String\nvendorKey =\n  "${v}"\n`],
  (n, v) => ["src/acme/config.clj", `(ns acme.config)\n\n(def settings\n  {:endpoint "https://api.acme.dev"\n   :${kebab(n)} "${v}"})\n`],
  (n, v) => ["scripts/ingest.jl", `using HTTP, JSON3\n\nconst ${n} = get(ENV, "${n}", "${v}")\n\nresp = HTTP.get("https://api.acme.dev/v1/rows"; headers = ["X-Api-Key" => ${n}])\n`],
  (n, v) => ["vars/deployApp.groovy", `def call(Map args) {\n  withEnv(["${n}=${v}"]) {\n    sh "./gradlew publish -Pstage=\${args.stage}"\n  }\n}\n`],
  // Config formats
  (n, v) => ["config/vendor.yaml", `vendor:\n  endpoint: https://api.acme.dev\n  ${snake(n)}: >-\n    ${v}\n  timeout: 20s\n`],
  (n, v) => ["deploy/helm/acme/values.prod.yaml", `replicaCount: 3\nimage:\n  repository: registry.acme.io/api\n  tag: "4.12.0"\nenv:\n  - name: ${n}\n    value: |\n      ${v}\n  - name: LOG_LEVEL\n    value: info\n`],
  (n, v) => ["ops/ecs/container-definitions.json", `[\n  {\n    "name": "api",\n    "image": "registry.acme.io/api:4.12.0",\n    "environment": [\n      {\n        "name": "${n}",\n        "value": "${v}"\n      },\n      { "name": "PORT", "value": "8080" }\n    ]\n  }\n]\n`],
  (n, v) => ["config/settings.toml", `[server]\nport = 8080\n\n[vendor]\nendpoint = "https://api.acme.dev"\n${snake(n)} = '''${v}'''\n`],
  (n, v) => ["etc/acme/agent.conf", `# acme-agent configuration\n[main]\nhostname = web-01\n\n[upload]\n${snake(n)} = ${v}\nbatch = 500\n`],
  (n, v) => ["src/main/resources/vendor.properties", `vendor.endpoint=https://api.acme.dev\nvendor.${dotted(n)}=\\\n    ${v}\nvendor.timeout=20\n`],
  (n, v) => ["conf/integration.xml", `<?xml version="1.0" encoding="UTF-8"?>\n<integration>\n  <endpoint>https://api.acme.dev</endpoint>\n  <${camel(n)}>\n    ${v}\n  </${camel(n)}>\n</integration>\n`],
  (n, v) => ["App.config", `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <appSettings>\n    <add key="Endpoint" value="https://api.acme.dev" />\n    <add\n      key="${pascal(n)}"\n      value="${v}" />\n  </appSettings>\n</configuration>\n`],
  (n, v) => ["appsettings.Staging.json", `{\n  "Logging": { "LogLevel": { "Default": "Information" } },\n  "Vendor": {\n    "Endpoint": "https://api.acme.dev",\n    "${pascal(n)}": "${v}"\n  }\n}\n`],
  (n, v) => ["data/catalog.json", `{\n  "items": [\n${LONG_JSON}\n  ],\n  "sync": { "provider": "acme", "${camel(n)}": "${v}" }\n}\n`],
  (n, v) => ["public/runtime-config.json", `{"env":"prod","features":{"search":true,"chat":true},"vendor":{"endpoint":"https://api.acme.dev","${camel(n)}":"${v}"},"build":"4.12.0"}\n`],
  (n, v) => ["hiera/common.yaml", `---\nprofile::web::workers: 8\nprofile::vendor::endpoint: 'https://api.acme.dev'\nprofile::vendor::${snake(n)}: '${v}'\n`],
  // .env variants (a secret's name in a committed file, every value in a local one)
  (n, v) => [".env", `# shared defaults\nNODE_ENV=production\nPORT=8080\n${n}="${v}"\n`],
  (n, v) => [".env.staging", `APP_URL=https://staging.acme.dev\nLOG_LEVEL=debug\n\n${n}=${v}\n`],
  (n, v) => ["apps/api/.env.local", `# copied from 1Password on setup\n${n}=${v}\n`],
  (n, v) => ["services/billing/.env.production", `SENTRY_ENVIRONMENT=production\nexport ${n}='${v}'\n`],
  (n, v) => [".envrc", `use flake\nexport ${n}=${v}\nexport AWS_REGION=eu-west-1\n`],
  // CI, containers and infrastructure as code
  (n, v) => [".github/workflows/e2e.yml", `name: e2e\non: [push]\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    env:\n      ${n}: ${v}\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm run e2e\n`],
  (n, v) => [".gitlab/ci/deploy.gitlab-ci.yml", `deploy:prod:\n  stage: deploy\n  variables:\n    ${n}: "${v}"\n  script:\n    - ./scripts/deploy.sh production\n  only:\n    - main\n`],
  (n, v) => [".circleci/config.yml", `version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/node:20.11\n    environment:\n      ${n}: ${v}\n    steps:\n      - checkout\n      - run: npm test\n`],
  (n, v) => [".buildkite/pipeline.yml", `steps:\n  - label: ":rocket: deploy"\n    command: make deploy\n    env:\n      ${n}: "${v}"\n`],
  (n, v) => ["compose.yaml", `services:\n  api:\n    image: registry.acme.io/api:4.12.0\n    environment:\n      - PORT=8080\n      - ${n}=${v}\n    ports:\n      - "8080:8080"\n`],
  (n, v) => ["docker/worker.Dockerfile", `FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nENV ${n}=${v}\nCMD ["python", "-m", "worker"]\n`],
  (n, v) => ["infra/modules/app/variables.tf", `variable "region" {\n  type    = string\n  default = "eu-west-1"\n}\n\nvariable "${snake(n)}" {\n  type        = string\n  description = "Vendor key for the app"\n  default     = "${v}"\n}\n`],
  (n, v) => ["infra/envs/prod/terraform.tfvars", `region        = "eu-west-1"\ninstance_type = "t3.medium"\n${snake(n)} = "${v}"\n`],
  (n, v) => ["k8s/base/app-secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-env\ntype: Opaque\nstringData:\n  ${n}: "${v}"\n`],
  (n, v) => ["playbooks/roles/app/defaults/main.yml", `---\napp_user: acme\napp_port: 8080\n${snake(n)}: "${v}"\n`],
  (n, v) => ["Makefile", `STAGE ?= prod\n${n} ?= ${v}\n\ndeploy:\n\t./scripts/deploy.sh $(STAGE)\n`],
  (n, v) => ["scripts/provision.sh", `#!/usr/bin/env bash\nset -euo pipefail\n\ncat > /etc/acme/env <<EOF\nREGION=eu-west-1\n${n}=${v}\nEOF\n\nsystemctl restart acme\n`],
  (n, v) => ["scripts/release.sh", `#!/bin/sh\nset -e\n\n./bin/acme-cli publish \\\n  --channel stable \\\n  --${kebab(n)} \\\n    "${v}" \\\n  --yes\n`],
  (n, v) => ["scripts/run-local.cmd", `@echo off\nset ${n}=${v}\ncall npm run dev\n`],
  (n, v) => ["ops/k8s-bootstrap.sh", `#!/bin/bash\nkubectl create secret generic app-env \\\n  --namespace prod \\\n  --from-literal=${snake(n)}=${v} \\\n  --dry-run=client -o yaml | kubectl apply -f -\n`],
  // Notebooks, docs, logs, history, captures, tools' outputs
  (n, v) => ["notebooks/prototype.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 3,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n    "import os\\n",\n    "os.environ[\\"${n}\\"] = \\"${v}\\"\\n"\n   ]\n  }\n ],\n "metadata": { "kernelspec": { "name": "python3", "display_name": "Python 3" } },\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`],
  (n, v) => ["docs/getting-started.md", `# Getting started\n\n1. Clone the repository.\n2. Set the key (the team's shared one for the sandbox):\n\n   \`\`\`bash\n   export ${n}=${v}\n   \`\`\`\n\n3. Run \`make dev\`.\n`],
  (n, v) => ["docs/config-reference.md", `# Configuration\n\n| Variable | Value | Notes |\n| --- | --- | --- |\n| \`PORT\` | \`8080\` | HTTP port |\n| \`${n}\` | \`${v}\` | staging |\n| \`LOG_LEVEL\` | \`info\` | |\n`],
  (n, v) => ["notes/2026-11-standup.txt", `standup 2026-11-18\n- api latency fixed\n- rotated the vendor key, new one for staging is ${v}\n- next: billing export\n`],
  (n, v) => ["logs/boot.log", `${LONG_LOG}\n2026-11-09T10:00:01Z DEBUG config loaded ${n}=${v} region=eu-west-1\n2026-11-09T10:00:02Z INFO  listening on :8080\n`],
  (n, v) => ["logs/events.jsonl", `{"ts":"2026-11-09T10:00:00Z","level":"info","msg":"start"}\n{"ts":"2026-11-09T10:00:01Z","level":"debug","msg":"env","env":{"PORT":"8080","${n}":"${v}"}}\n{"ts":"2026-11-09T10:00:02Z","level":"info","msg":"ready"}\n`],
  (n, v) => [".zhistory", `: 1731400000:0;git pull\n: 1731400012:0;export ${n}=${v}\n: 1731400030:0;npm run sync\n`],
  (n, v) => ["debug/printenv.out", `HOME=/home/runner\nPATH=/usr/local/bin:/usr/bin:/bin\nHOSTNAME=build-7f9c\n${n}=${v}\nLANG=C.UTF-8\n`],
  (n, v) => ["debug/docker-inspect.json", `[\n  {\n    "Id": "«h64»",\n    "Config": {\n      "Hostname": "api-1",\n      "Env": [\n        "PATH=/usr/local/sbin:/usr/local/bin",\n        "${n}=${v}"\n      ]\n    }\n  }\n]\n`],
  (n, v) => ["debug/heroku-config.txt", `=== acme-api Config Vars\nLOG_LEVEL:   info\n${n}: ${v}\nWEB_CONCURRENCY: 2\n`],
  (n, v) => ["api/vendor.http", `### sync items\nPOST https://api.acme.dev/v1/sync\nContent-Type: application/json\nX-Api-Key: ${v}\n\n{"since": "2026-11-01"}\n`],
  (n, v) => ["scripts/seed_keys.sql", `-- seed the integrations table\nINSERT INTO integrations (name, endpoint, secret)\nVALUES\n  ('vendor', 'https://api.acme.dev',\n   '${v}');\n`],
  (n, v) => ["data/integrations.csv", `name,endpoint,key,enabled\nsearch,https://search.acme.dev,,true\nvendor,https://api.acme.dev,${v},true\n`],
  (n, v) => ["tests/integration/test_vendor_live.py", `import pytest\n\nLIVE_KEY = "${v}"  # the staging account; runs nightly\n\n\n@pytest.mark.live\ndef test_sync(client_factory):\n    client = client_factory(key=LIVE_KEY)\n    assert client.ping()\n`],
  (n, v) => ["src/legacy/setup.py", `# TODO(ops): move to the vault before the audit\n# ${n} = "${v}"\nfrom .settings import *  # noqa\n`],
  (n, v) => [".vscode/tasks.json", `{\n  "version": "2.0.0",\n  "tasks": [\n    {\n      "label": "sync",\n      "type": "shell",\n      "command": "npm run sync",\n      "options": { "env": { "${n}": "${v}" } }\n    }\n  ]\n}\n`],
  (n, v) => ["src/lib/pipeline.ts", `import type { Order } from "./types";\n\n${LONG_TS}\n\nconst SYNC = { endpoint: "https://api.acme.dev", key: "${v}" };\nexport default SYNC;\n`],
];

// URL-valued secrets (connection strings, webhooks, URLs with credentials): not in a committed .env, where a name
// ending in _URL is public by policy and a URL counts only when a token rule finds it.
const URLS = [
  (n, v) => ["config/database.yaml", `production:\n  adapter: postgresql\n  pool: 10\n  url: ${v}\n`],
  (n, v) => ["src/db/connect.py", `from sqlalchemy import create_engine\n\nengine = create_engine(\n    "${v}",\n    pool_pre_ping=True,\n)\n`],
  (n, v) => ["services/notifier/config.go", `package notifier\n\nvar Targets = map[string]string{\n\t"ops":   "${v}",\n\t"email": "ops@acme.io",\n}\n`],
  (n, v) => ["compose.override.yaml", `services:\n  worker:\n    environment:\n      ${n}: "${v}"\n`],
  (n, v) => ["infra/lambda.tf", `resource "aws_lambda_function" "notify" {\n  function_name = "notify"\n  runtime       = "nodejs20.x"\n  environment {\n    variables = {\n      ${n} = "${v}"\n    }\n  }\n}\n`],
  (n, v) => ["docs/alerting.md", `# Alerting\n\nAlerts go to the channel through this endpoint:\n\n    ${v}\n\nAsk in #ops before changing it.\n`],
  (n, v) => ["src/jobs/export.js", `const { connect } = require("@acme/db-driver");\n\nmodule.exports = async function exportJob() {\n  const conn = await connect(\n    "${v}"\n  );\n  return conn.dump();\n};\n`],
  (n, v) => ["src/main/resources/application-prod.yaml", `spring:\n  application:\n    name: billing\nintegration:\n  target: "${v}"\n`],
  (n, v) => ["apps/web/.env.local", `${n}=${v}\n`],
  (n, v) => ["Acme.Api/appsettings.Production.json", `{\n  "ConnectionStrings": {\n    "Default": "${v}"\n  },\n  "AllowedHosts": "*"\n}\n`],
  (n, v) => ["logs/startup.log", `${LONG_LOG}\n2026-11-09T10:00:01Z INFO  connecting to ${v}\n`],
  (n, v) => ["ops/runbook.md", `## Restore\n\n\`\`\`sh\npg_restore --dbname "${v}" backup.dump\n\`\`\`\n`],
];

// A token for an Authorization header, where it travels.
const HEADER = [
  (v) => ["README.md", `# acme-cli\n\nTry the API:\n\n\`\`\`sh\ncurl -s https://api.acme.dev/v1/me \\\n  -H "Authorization: Bearer ${v}"\n\`\`\`\n`],
  (v) => ["api/requests.http", `GET https://api.acme.dev/v1/orders?limit=20\nAccept: application/json\nAuthorization: Bearer ${v}\n`],
  (v) => ["captures/checkout.har", `{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"https://api.acme.dev/v1/cart","headers":[{"name":"Accept","value":"application/json"},{"name":"Authorization","value":"Bearer ${v}"}]}}]}}\n`],
  (v) => ["loadtest/script.js", `import http from "k6/http";\n\nconst params = {\n  headers: {\n    Authorization:\n      "Bearer ${v}",\n  },\n};\n\nexport default function () {\n  http.get("https://api.acme.dev/v1/health", params);\n}\n`],
  (v) => ["deploy/nginx/site.conf", `location /upstream/ {\n    proxy_pass https://internal.acme.io/;\n    proxy_set_header Authorization "Bearer ${v}";\n}\n`],
  (v) => ["tools/fetch_report.py", `import requests\n\nheaders = {\n    "Accept": "text/csv",\n    "Authorization": "Bearer ${v}",\n}\nprint(requests.get("https://api.acme.dev/v1/report", headers=headers).text)\n`],
  (v) => ["logs/gateway.log", `${LONG_LOG}\n2026-11-09T10:00:03Z DEBUG > GET /v1/me HTTP/1.1\n2026-11-09T10:00:03Z DEBUG > authorization: Bearer ${v}\n`],
  (v) => [".bash_profile.history", `ls\nhttp GET https://api.acme.dev/v1/me 'Authorization:Bearer ${v}'\nexit\n`],
  (v) => ["insomnia/workspace.yaml", `_type: export\nresources:\n  - _type: request\n    name: me\n    url: https://api.acme.dev/v1/me\n    headers:\n      - name: Authorization\n        value: Bearer ${v}\n`],
  (v) => ["docs/troubleshooting-auth.md", `# Auth errors\n\nA 401 from the gateway looks like this in the proxy's dump:\n\n\`\`\`\nGET /v1/orders HTTP/1.1\nHost: api.acme.dev\nAuthorization: Bearer ${v}\n\`\`\`\n`],
];

const BASIC = [
  (v) => ["docs/registry.md", `# Private registry\n\n\`\`\`sh\ncurl -H "Authorization: Basic ${v}" https://nexus.acme.io/service/rest/v1/status\n\`\`\`\n`],
  (v) => ["ci/registry.json", `{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "${v}"\n    }\n  }\n}\n`],
  (v) => ["captures/upload.txt", `POST /upload HTTP/1.1\nHost: files.acme.io\nAuthorization: Basic ${v}\nContent-Length: 1024\n`],
  (v) => ["scripts/mirror.py", `import urllib.request\n\nreq = urllib.request.Request("https://nexus.acme.io/repository/raw/")\nreq.add_header("Authorization", "Basic ${v}")\n`],
  (v) => ["nginx/auth-proxy.conf", `location / {\n    proxy_set_header Authorization "Basic ${v}";\n    proxy_pass http://legacy:8080;\n}\n`],
  (v) => ["frontend/.yarnrc.yml", `npmScopes:\n  acme:\n    npmRegistryServer: "https://nexus.acme.io/repository/npm/"\n    npmAuthIdent: "${v}"\n`],
];

// Passwords: an assignment under a clear name, in the places a person's password sits.
const PW = [
  (n, v) => ["config/mail.yaml", `smtp:\n  host: smtp.acme.io\n  port: 587\n  user: notifications\n  ${snake(n)}: "${v}"\n`],
  (n, v) => ["src/db.py", `import psycopg\n\nconn = psycopg.connect(\n    host="db.internal",\n    user="reporting",\n    password="${v}",\n    dbname="warehouse",\n)\n`],
  (n, v) => ["compose.dev.yaml", `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      ${n}: "${v}"\n`],
  (n, v) => ["src/main/resources/application-staging.properties", `spring.datasource.url=jdbc:postgresql://db.internal:5432/app\nspring.datasource.username=app\nspring.datasource.password=${v}\n`],
  (n, v) => ["inventory/production.ini", `[db]\ndb-01.acme.io\n\n[db:vars]\nansible_user=deploy\nansible_become_pass=${v}\n`],
  (n, v) => ["docs/staging-access.md", `# Staging access\n\nThe staging admin is \`admin\`; the password is \`${v}\` (rotate after the demo).\n`],
  (n, v) => ["scripts/backup-db.sh", `#!/bin/bash\nmysqldump -h db.internal -u backup \\\n  -p'${v}' \\\n  --all-databases > /backups/all.sql\n`],
  (n, v) => ["app/config.json", `{\n  "db": {\n    "host": "localhost",\n    "user": "app",\n    "pass": "${v}"\n  }\n}\n`],
  (n, v) => ["deploy/keystore.gradle", `android {\n  signingConfigs {\n    release {\n      storeFile file("release.jks")\n      storePassword "${v}"\n      keyAlias "release"\n    }\n  }\n}\n`],
  (n, v) => ["src/Acme/Db.cs", `var builder = new NpgsqlConnectionStringBuilder\n{\n    Host = "db.internal",\n    Username = "app",\n    Password = "${v}",\n};\n`],
  (n, v) => ["ldap/sssd.conf", `[domain/acme]\nldap_uri = ldaps://ldap.acme.io\nldap_default_bind_dn = cn=svc,dc=acme,dc=io\nldap_default_authtok = ${v}\n`],
  (n, v) => [".env.local", `${n}=${v}\n`],
  (n, v) => [".env.production", `DB_HOST=db.internal\nDB_USER=app\n${n}=${v}\n`],
  (n, v) => ["grafana/provisioning/datasources/pg.yaml", `apiVersion: 1\ndatasources:\n  - name: warehouse\n    type: postgres\n    url: db.internal:5432\n    user: grafana\n    secureJsonData:\n      password: '${v}'\n`],
  (n, v) => ["src/seed.ts", `await createUser({\n  email: "ops@acme.io",\n  role: "admin",\n  password: "${v}",\n});\n`],
  (n, v) => ["jenkins/casc.yaml", `jenkins:\n  securityRealm:\n    local:\n      users:\n        - id: admin\n          password: "${v}"\n`],
];

// Private keys: the whole block is the secret, in the files keys are kept in.
const PEM_PLACES = [
  (label) => [`keys/${label.startsWith("OPENSSH") ? "id_ed25519" : label.startsWith("PGP") ? "signing-key.asc" : "service.key"}`, `${pem(label)}\n`],
  (label) => ["deploy/tls/values.yaml", `ingress:\n  tls:\n    enabled: true\n    key: |\n${pem(label, { indent: "      " })}\n`],
  (label) => ["config/signing.json", `{\n  "issuer": "acme",\n  "privateKey": "${pem(label, { nl: "\\n" })}\\n"\n}\n`],
  (label) => ["infra/bastion.tf", `resource "tls_private_key" "imported" {\n  algorithm = "RSA"\n}\n\nlocals {\n  bastion_key = <<-EOT\n${pem(label, { indent: "    " })}\n  EOT\n}\n`],
  (label) => ["tests/fixtures/sign_test.go", `package fixtures\n\n// signingKey is the key the integration server was provisioned with.\nconst signingKey = \`${pem(label)}\`\n`],
  (label) => [".github/workflows/ssh-deploy.yml", `name: deploy\non: workflow_dispatch\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          mkdir -p ~/.ssh\n          cat > ~/.ssh/deploy <<'KEY'\n${pem(label, { indent: "          " })}\n          KEY\n          chmod 600 ~/.ssh/deploy\n`],
  (label) => ["scripts/sign.py", `PRIVATE_KEY = """\n${pem(label)}\n"""\n\n\ndef sign(payload: bytes) -> bytes:\n    return _sign(PRIVATE_KEY, payload)\n`],
  (label) => [".env.local", `SIGNING_KEY="${pem(label, { nl: "\\n" })}"\n`],
];

const AWS_PLACES = [
  (v) => [".aws/credentials.prod", `[prod]\nregion = eu-west-1\naws_access_key_id = ${v.id}\naws_secret_access_key = ${v.secret}\n`],
  (v) => ["tools/s3sync.go", `package tools\n\nimport "github.com/aws/aws-sdk-go-v2/credentials"\n\nvar provider = credentials.NewStaticCredentialsProvider(\n\t"${v.id}",\n\t"${v.secret}",\n\t"",\n)\n`],
  (v) => ["src/upload.ts", `import { S3Client } from "@aws-sdk/client-s3";\n\nexport const s3 = new S3Client({\n  region: "eu-west-1",\n  credentials: {\n    accessKeyId: "${v.id}",\n    secretAccessKey: "${v.secret}",\n  },\n});\n`],
  (v) => ["docs/backups.md", `# Backups\n\n| key | value |\n| --- | --- |\n| access key id | \`${v.id}\` |\n| secret access key | \`${v.secret}\` |\n`],
  (v) => ["ci/.gitlab-ci.yml", `variables:\n  AWS_DEFAULT_REGION: eu-west-1\n  AWS_ACCESS_KEY_ID: ${v.id}\n  AWS_SECRET_ACCESS_KEY: ${v.secret}\n\nsync:\n  script:\n    - aws s3 sync build s3://acme-site\n`],
];

const ALI_PLACES = [
  (v) => ["ops/oss.py", `import oss2\n\nauth = oss2.Auth(\n    "${v.id}",\n    "${v.secret}",\n)\nbucket = oss2.Bucket(auth, "https://oss-cn-hangzhou.aliyuncs.com", "acme-assets")\n`],
  (v) => ["config/aliyun.yaml", `aliyun:\n  region: cn-hangzhou\n  access_key_id: ${v.id}\n  access_key_secret: ${v.secret}\n`],
  (v) => ["infra/alicloud.tf", `provider "alicloud" {\n  access_key = "${v.id}"\n  secret_key = "${v.secret}"\n  region     = "cn-hangzhou"\n}\n`],
];

const saJson = (nl) => `{"type":"service_account","project_id":"acme-data","private_key_id":"«h40»","private_key":"${pem("PRIVATE KEY", { nl: "\\n", lines: 16 })}\\n","client_email":"etl@acme-data.iam.gserviceaccount.com","client_id":"«d21»","token_uri":"https://oauth2.googleapis.com/token"}${nl}`;
const GCP_PLACES = [
  () => ["credentials/etl-sa.json", saJson("\n").replace(/","/g, '",\n  "').replace(/^\{/, "{\n  ").replace(/\}\n$/, "\n}\n")],
  () => ["airflow/dags/gcs_export.py", `from google.oauth2 import service_account\n\nINFO = ${saJson("")}\ncredentials = service_account.Credentials.from_service_account_info(INFO)\n`],
  () => [".github/workflows/bq.yml", `name: bq\non: push\njobs:\n  load:\n    runs-on: ubuntu-latest\n    env:\n      GOOGLE_CREDENTIALS: '${saJson("")}'\n    steps:\n      - run: python load.py\n`],
];

// ---------------------------------------------------------------------------
// Files with several secrets: generic ones take (name, value) pairs of any token kinds; the rest name their kinds.

const GENERIC_MULTI = [
  (p) => [".env.local", `# personal overrides, pulled with vercel env pull\n${p.map(([n, v]) => `${n}="${v}"`).join("\n")}\nNEXT_PUBLIC_APP_URL=http://localhost:3000\n`],
  (p) => ["deploy/prod.env", `NODE_ENV=production\n${p.map(([n, v]) => `${n}=${v}`).join("\n")}\n`],
  (p) => ["k8s/overlays/prod/secrets.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\n  namespace: prod\ntype: Opaque\nstringData:\n${p.map(([n, v]) => `  ${n}: "${v}"`).join("\n")}\n`],
  (p) => ["infra/envs/staging/secrets.auto.tfvars", `${p.map(([n, v]) => `${snake(n)} = "${v}"`).join("\n")}\n`],
  (p) => ["src/config/keys.py", `"""Keys for the staging integrations."""\n\n${p.map(([n, v]) => `${n} = "${v}"`).join("\n\n")}\n`],
  (p) => ["src/config/keys.ts", `export const keys = {\n${p.map(([n, v]) => `  ${camel(n)}: "${v}",`).join("\n")}\n} as const;\n`],
  (p) => ["notebooks/agent-eval.ipynb", `{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": 1,\n   "metadata": {},\n   "outputs": [],\n   "source": [\n${p.map(([n, v]) => `    "%env ${n}=${v}\\n",`).join("\n")}\n    "from agent import run\\n"\n   ]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n`],
  (p) => ["logs/ci-build-8812.log", `${LONG_LOG}\n+ env | sort\n${p.map(([n, v]) => `${n}=${v}`).join("\n")}\nPWD=/builds/acme/api\n`],
  (p) => ["docs/handover.md", `# Handover notes\n\nThe services below use these keys until the vault migration:\n\n${p.map(([n, v]) => `- **${n}**: \`${v}\``).join("\n")}\n\nPing @ops when rotated.\n`],
  (p) => ["config/integrations.json", `{"integrations":[${p.map(([n, v]) => `{"name":"${n}","value":"${v}"}`).join(",")}]}\n`],
  (p) => ["mcp.settings.json", `{\n  "mcpServers": {\n${p.map(([n, v], i) => `    "tool-${i}": {\n      "command": "npx",\n      "args": ["-y", "@acme/mcp-tool-${i}"],\n      "env": { "${n}": "${v}" }\n    }`).join(",\n")}\n  }\n}\n`],
  (p) => ["ansible/group_vars/production/main.yml", `---\n${p.map(([n, v]) => `${snake(n)}: >\n  ${v}`).join("\n")}\n`],
  (p) => ["scripts/bootstrap-dev.sh", `#!/usr/bin/env bash\n# bootstrap a developer machine\ncat >> ~/.zshrc <<'EOF'\n${p.map(([n, v]) => `export ${n}="${v}"`).join("\n")}\nEOF\n`],
  (p) => ["config/app.ini", `[app]\nname = acme\ndebug = false\n\n${p.map(([n, v]) => `[${snake(n).split("_")[0]}]\n${snake(n)} = ${v}`).join("\n\n")}\n`],
];

const NAMED_MULTI = [
  { kinds: ["django-secret-key", "password", "sendgrid-key"], make: ([a, b, c]) => ["acme/settings/production.py", `from .base import *  # noqa\n\nDEBUG = False\nSECRET_KEY = "${a}"\n\nDATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "NAME": "acme",\n        "USER": "acme",\n        "PASSWORD": "${b}",\n        "HOST": "db.internal",\n    }\n}\n\nEMAIL_BACKEND = "anymail.backends.sendgrid.EmailBackend"\nANYMAIL = {"SENDGRID_API_KEY": "${c}"}\n`] },
  { kinds: ["mssql-conn", "azure-client-secret"], make: ([a, b]) => ["src/Acme.Web/appsettings.Production.json", `{\n  "ConnectionStrings": {\n    "Billing": "${a}"\n  },\n  "AzureAd": {\n    "Instance": "https://login.microsoftonline.com/",\n    "TenantId": "«h8»-«h4»-«h4»-«h4»-«h12»",\n    "ClientId": "«h8»-«h4»-«h4»-«h4»-«h12»",\n    "ClientSecret": "${b}"\n  }\n}\n`] },
  { kinds: ["password", "stripe-secret-key"], make: ([a, b]) => ["docker-compose.staging.yml", `services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: "${a}"\n  api:\n    image: registry.acme.io/api:4.12.0\n    environment:\n      STRIPE_SECRET_KEY: ${b}\n`] },
  { kinds: ["bearer-token", "slack-webhook"], make: ([a, b]) => ["README.md", `# status-bot\n\nPosts deploy status to Slack.\n\n## Try it\n\n\`\`\`sh\ncurl -X POST https://status.acme.dev/v1/deploys \\\n  -H "Authorization: Bearer ${a}" \\\n  -d '{"service":"api"}'\n\`\`\`\n\nThe bot posts to \`${b}\`.\n`] },
  { kinds: ["github-pat", "npm-token", "dockerhub-pat"], make: ([a, b, c]) => [".github/workflows/publish.yml", `name: publish\non:\n  push:\n    tags: ["v*"]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${a}\n      NODE_AUTH_TOKEN: ${b}\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo "${c}" | docker login -u acmebot --password-stdin\n      - run: npm publish\n`] },
  { kinds: ["rsa-private-key", "jwt"], make: ([a, b]) => ["tests/fixtures/auth_fixtures.py", `SIGNING_KEY = """${a}"""\n\n# a token minted with the key above, for the staging tenant\nSERVICE_TOKEN = "${b}"\n`] },
  { kinds: ["openai-project-key", "anthropic-api-key", "google-api-key", "tavily-key"], make: ([a, b, c, d]) => ["agents/config.yaml", `models:\n  - provider: openai\n    model: gpt-4.1\n    api_key: ${a}\n  - provider: anthropic\n    model: claude-sonnet-4\n    api_key: ${b}\n  - provider: google\n    model: gemini-2.5-pro\n    api_key: ${c}\ntools:\n  search:\n    provider: tavily\n    api_key: ${d}\n`] },
  { kinds: ["postgres-url", "redis-url", "stripe-webhook-secret"], make: ([a, b, c]) => ["fly.production.toml", `app = "acme-api"\nprimary_region = "ams"\n\n[env]\n  DATABASE_URL = "${a}"\n  REDIS_URL = "${b}"\n  STRIPE_WEBHOOK_SECRET = "${c}"\n`] },
  { kinds: ["twilio-auth-token", "password"], make: ([a, b]) => ["src/main/resources/application-prod.yml", `twilio:\n  account-sid: AC«h32»\n  auth-token: ${a}\nspring:\n  datasource:\n    url: jdbc:mysql://db.internal:3306/sms\n    username: sms\n    password: ${b}\n`] },
];

// ---------------------------------------------------------------------------
// Look-alikes, part one: stand-ins in the secrets' own placements. Each is a class, a value and the placements it
// fits (a path pattern); names are the secrets' own, so only the value says it is no secret.

const STANDINS = [
  ["placeholder-angle", "<YOUR_API_KEY>"], ["placeholder-angle", "<insert-token-here>"], ["placeholder-angle", "<paste your key>"], ["placeholder-angle", "<secret>"],
  ["placeholder-angle", "[your-api-key]"], ["placeholder-angle", "{{API_KEY}}"], ["placeholder-angle", "<ACCESS_TOKEN>"], ["placeholder-angle", "<token from the dashboard>"],
  ["placeholder-x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], ["placeholder-x", "XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX"], ["placeholder-x", "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], ["placeholder-x", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
  ["placeholder-x", "xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx"], ["placeholder-x", "AKIAXXXXXXXXXXXXXXXX"], ["placeholder-x", "0000000000000000000000000000000000000000"], ["placeholder-x", "glpat-xxxxxxxxxxxxxxxxxxxx"],
  ["placeholder-word", "changeme"], ["placeholder-word", "REPLACE_ME"], ["placeholder-word", "your-api-key-here"], ["placeholder-word", "TODO"], ["placeholder-word", "CHANGE_ME_IN_PRODUCTION"],
  ["placeholder-word", "dummy"], ["placeholder-word", "set-me"], ["placeholder-word", "PLACEHOLDER"], ["placeholder-word", "none"], ["placeholder-word", "insert_key_here"],
  ["truncated", "sk-..."], ["truncated", "sk-proj-..."], ["truncated", "ghp_…"], ["truncated", "xoxb-..."], ["truncated", "hf_..."], ["truncated", "SG.xxxx...xxxx"],
  ["redacted", "********"], ["redacted", "[REDACTED]"], ["redacted", "****************************abcd"], ["redacted", "<redacted>"], ["redacted", "##########"],
  ["redacted", "sk-...F3kQ"], ["redacted", "•••••••••••••"], ["redacted", "[FILTERED]"], ["redacted", "***masked***"],
  ["reference", "${API_KEY}", /\.(sh|env|ya?ml|tf|toml|conf|properties)$|Makefile|Dockerfile|\.env/], ["reference", "${{ secrets.API_KEY }}", /\.github\/|\.ya?ml$/], ["reference", "{{ .Values.apiKey }}", /helm|k8s|\.ya?ml$/],
  ["reference", "%(api_key)s", /\.(py|ini|conf|cfg)$/], ["reference", "$(ApiKey)", /\.(ya?ml|config|ps1|cmd|json)$|App\.config/], ["reference", "#{ApiKey}#", /\.(json|config|xml|ya?ml)$/],
  ["reference", "${env:API_KEY}", /\.(ya?ml|json|tf)$/], ["reference", "{{resolve:secretsmanager:prod/api:SecretString:key}}", /\.(ya?ml|json)$/], ["reference", "{{ lookup('env', 'API_KEY') }}", /\.ya?ml$|playbooks|inventory/],
  ["reference", "<%= ENV['API_KEY'] %>", /\.(ya?ml|erb|rb)$/], ["reference", "$API_KEY", /\.(sh|ya?ml|cmd)$|Makefile|Dockerfile/], ["reference", "%API_KEY%", /\.(cmd|bat)$/],
  ["reference", "@Value(\"${vendor.api-key}\")", /\.(java|kt)$/], ["reference", "${vendor.api-key}", /\.(properties|ya?ml|xml)$/], ["reference", "var.api_key", /\.tf(vars)?$/],
  ["reference", "op://Engineering/Vendor/credential", /\.(env|ya?ml|json|toml)$|\.env/], ["reference", "vault:secret/data/vendor#api_key", /\.(ya?ml|json|hcl|tf)$/], ["reference", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/vendor-AbCdEf", /\.(ya?ml|json|tf)$/],
  ["reference", "sm://projects/acme/secrets/vendor-key/versions/latest", /\.(ya?ml|json|py|ts)$/], ["reference", "akv://acme-vault/vendor-key", /\.(json|ya?ml)$/],
];

// ---------------------------------------------------------------------------
// Look-alikes, part two: whole files by class, each a list of [path, content].

const uuid = "«h8»-«h4»-4«h3»-a«h3»-«h12»";
const b64img = (n) => `iVBORw0KGgoAAAANSUhEUgAAA«b${n}»`;

const CLEAN = {
  "documented-example": [
    ["docs/aws-setup.md", `# AWS CLI\n\nThe AWS documentation's example pair, so you can see the file's shape:\n\n\`\`\`ini\n[default]\naws_access_key_id = «ex:aws-id»\naws_secret_access_key = «ex:aws-secret»\n\`\`\`\n`],
    ["tests/test_s3_config.py", `from acme.storage import load_profile\n\n\ndef test_parses_profile(tmp_path):\n    p = tmp_path / "credentials"\n    p.write_text("[default]\\naws_access_key_id = «ex:aws-id»\\naws_secret_access_key = «ex:aws-secret»\\n")\n    assert load_profile(p).key_id.endswith("EXAMPLE")\n`],
    ["localstack/init.sh", `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=«ex:aws-id»\nexport AWS_SECRET_ACCESS_KEY=«ex:aws-secret»\nawslocal s3 mb s3://acme-dev\n`],
    ["src/__tests__/decode.test.ts", `import { decode } from "../jwt";\n\n// jwt.io's sample token\nconst SAMPLE = "«ex:jwtio»";\n\ntest("decodes the payload", () => {\n  expect(decode(SAMPLE).name).toBe("John Doe");\n});\n`],
    ["docs/jwt-primer.md", `# JWTs in one page\n\nPaste this into jwt.io to see its three parts:\n\n    «ex:jwtio»\n\nThe signature is HMAC-SHA256 with the secret \`your-256-bit-secret\`.\n`],
    ["docs/stripe-quickstart.md", `# Stripe quickstart\n\nStripe's reference uses a sample test key in every example:\n\n\`\`\`sh\ncurl https://api.stripe.com/v1/customers -u «ex:stripe-doc»:\n\`\`\`\n`],
    ["docker-compose.storage.yml", `services:\n  azurite:\n    image: mcr.microsoft.com/azure-storage/azurite\n    ports: ["10000:10000"]\n  app:\n    environment:\n      AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=«ex:azurite»;BlobEndpoint=http://azurite:10000/devstoreaccount1;"\n`],
    ["src/Acme.Storage.Tests/BlobTests.cs", `public class BlobTests\n{\n    // Azurite's well-known development account.\n    private const string DevKey = "«ex:azurite»";\n}\n`],
    ["docs/slack-alerts.md", `# Slack alerts\n\nSet \`SLACK_WEBHOOK_URL\` to your channel's webhook. It looks like Slack's example:\n\n    «ex:slack-doc»\n`],
    ["tests/crypto/test_hmac_vectors.py", `import hmac, hashlib\n\n# RFC 4231, test case 1\nKEY = bytes.fromhex("«ex:rfc4231-1»")\nDATA = b"Hi There"\n\n\ndef test_case_1():\n    assert hmac.new(KEY, DATA, hashlib.sha256).hexdigest().startswith("b0344c61")\n`],
    ["crypto/ed25519_test.go", `package crypto\n\n// RFC 8032, section 7.1, TEST 1.\nvar (\n\tsecretKey = mustHex("«ex:rfc8032-sk»")\n\tpublicKey = mustHex("«ex:rfc8032-pk»")\n)\n`],
    ["crypto/x25519.test.js", `// RFC 7748 section 6.1\nconst alicePrivate = Buffer.from("«ex:rfc7748-a»", "hex");\n\ntest("derives Alice's public key", () => {\n  expect(x25519.publicKey(alicePrivate).toString("hex")).toMatch(/^8520f009/);\n});\n`],
    ["src/test/java/io/acme/crypto/AesVectorsTest.java", `class AesVectorsTest {\n    // NIST SP 800-38A, F.1.1 ECB-AES128.Encrypt\n    private static final String KEY_128 = "«ex:nist-aes128»";\n    // F.1.5 ECB-AES256.Encrypt\n    private static final String KEY_256 = "«ex:nist-aes256»";\n}\n`],
    ["tests/jws_rfc7515.rs", `// RFC 7515 appendix A.1: the example HMAC key as a JWK.\nconst JWK: &str = r#"{"kty":"oct","k":"«ex:rfc7515-k»"}"#;\n`],
    ["docs/testing-payments.md", `# Testing payments\n\nIn tests we talk to stripe-mock with Stripe's documented key \`«ex:stripe-doc»\`; never a real one.\n`],
  ],
  "near-miss": [
    ["web/src/styles/cards.css", `.sk-proj-card { display: grid; gap: 8px; }\n.sk-proj-card__title { font-weight: 600; }\n.ghp_banner { display: none; }\n`],
    ["src/flags.ts", `export const FLAGS = {\n  "sk-live-preview": false,\n  "xoxb-migration": true,\n  "glpat-rotation-ui": false,\n} as const;\n`],
    ["scripts/lint-names.py", `# names our linter allows as identifiers\nALLOWED = ["npm_config_cache", "pypi_simple_index", "hf_hub_download", "gsk_utils", "sk_learn_pipeline"]\n`],
    ["src/utils/prefix.go", `package utils\n\n// Short ids shown in the UI: "key_" and eight characters.\nconst sample = "key_3f9a2b1c"\nconst sampleSecretPrefix = "sec_"\n`],
    ["docs/changelog-2026.md", `## 4.12.0\n\n- renamed \`sk_live_mode\` to \`live_mode\` in the settings page\n- the \`AKIA-style\` id column is now sortable\n- fixed \`ghp-\` prefixed branch names\n`],
    ["tests/test_token_shape.py", `import pytest\nfrom acme.tokens import looks_like_token\n\n@pytest.mark.parametrize("value", ["ghp_short", "sk-", "AKIA123", "xoxb-1-2", "glpat-abc"])\ndef test_rejects_short(value):\n    assert not looks_like_token(value)\n`],
    ["data/product-codes.csv", `code,description\nSK-LIVE-0042,live bait kit\nAKIA-2231,kayak paddle\nGHP-00931,garden hose pro\nSG-440-BLK,sunglasses black\n`],
    ["src/i18n/keys.ts", `export const KEY_SETTINGS_TITLE = "settings.api_keys.title";\nexport const KEY_TOKEN_HINT = "settings.api_keys.token_hint";\nexport const KEY_SECRET_LABEL = "settings.api_keys.secret_label";\n`],
    ["config/routes.yaml", `routes:\n  - path: /api/v1/tokens/:token_id/revoke\n    handler: tokens.revoke\n  - path: /api/v1/keys/:key_id\n    handler: keys.show\n`],
    ["src/components/KeyBadge.tsx", `export function KeyBadge({ prefix }: { prefix: "sk_live" | "sk_test" | "rk_live" }) {\n  return <span className={\`badge badge-\${prefix}\`}>{prefix}</span>;\n}\n`],
    ["docs/adr/0012-token-prefixes.md", `# ADR 12: our own token prefixes\n\nOur tokens start with \`acme_pat_\` and are 40 characters; an example shape is \`acme_pat_\` + 31 base62 characters.\n`],
    ["migrations/20261014_rename_keys.sql", `ALTER TABLE api_keys RENAME COLUMN sk_live TO live_key_hash;\nALTER TABLE api_keys ADD COLUMN last4 CHAR(4);\n`],
    ["scripts/gen-fixtures.rb", `# writes fixture ids like "AKIA0000TESTID"\nFIXTURE_KEY_ID = "AKIA" + "0" * 4 + "TESTID"\n`],
    ["src/hash_names.py", `# Column names in the vendor export\nCOLUMNS = ["secret_key_id", "token_hash", "password_changed_at", "api_key_last4"]\n`],
    ["web/src/regex-docs.md", `The field accepts \`pk_\` keys only; \`sk_\` keys are rejected with \`invalid_key_type\`.\n`],
    ["src/constants.py", `SECRET_KEY_LENGTH = 50\nTOKEN_BYTES = 32\nAPI_KEY_PREFIX = "acme_"\nAPI_KEY_HEADER = "X-Api-Key"\n`],
  ],
  "hashes-lockfiles": [
    ["web/package-lock.json", `{\n  "name": "web",\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/zod": {\n      "version": "3.23.8",\n      "resolved": "https://registry.npmjs.org/zod/-/zod-3.23.8.tgz",\n      "integrity": "sha512-«b86»=="\n    },\n    "node_modules/nanoid": {\n      "version": "5.0.7",\n      "resolved": "https://registry.npmjs.org/nanoid/-/nanoid-5.0.7.tgz",\n      "integrity": "sha512-«b86»=="\n    }\n  }\n}\n`],
    ["apps/docs/yarn.lock", `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n"@babel/code-frame@^7.24.7":\n  version "7.24.7"\n  resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.24.7.tgz#«h40»"\n  integrity sha512-«b86»==\n`],
    ["services/api/go.sum", `github.com/google/uuid v1.6.0 h1:«b43»=\ngithub.com/google/uuid v1.6.0/go.mod h1:«b43»=\ngolang.org/x/crypto v0.28.0 h1:«b43»=\n`],
    ["ml/uv.lock", `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "numpy"\nversion = "2.1.2"\nsource = { registry = "https://pypi.org/simple" }\nsdist = { url = "https://files.pythonhosted.org/packages/numpy-2.1.2.tar.gz", hash = "sha256:«h64»", size = 18878063 }\n`],
    ["mobile/pubspec.lock", `packages:\n  http:\n    dependency: "direct main"\n    description:\n      name: http\n      sha256: "«h64»"\n      url: "https://pub.dev"\n    source: hosted\n    version: "1.2.2"\n`],
    ["backend/composer.lock", `{\n    "content-hash": "«h32»",\n    "packages": [\n        {\n            "name": "guzzlehttp/guzzle",\n            "version": "7.9.2",\n            "dist": { "type": "zip", "url": "https://api.github.com/repos/guzzle/guzzle/zipball/«h40»", "reference": "«h40»", "shasum": "" }\n        }\n    ]\n}\n`],
    ["ios/Package.resolved", `{\n  "pins" : [\n    {\n      "identity" : "alamofire",\n      "kind" : "remoteSourceControl",\n      "location" : "https://github.com/Alamofire/Alamofire.git",\n      "state" : { "revision" : "«h40»", "version" : "5.9.1" }\n    }\n  ],\n  "version" : 2\n}\n`],
    ["elixir/mix.lock", `%{\n  "jason": {:hex, :jason, "1.4.4", "«h64»", [:mix], [], "hexpm", "«h64»"},\n}\n`],
    ["nix/flake.lock", `{\n  "nodes": {\n    "nixpkgs": {\n      "locked": {\n        "lastModified": 1731000000,\n        "narHash": "sha256-«b43»=",\n        "owner": "NixOS",\n        "repo": "nixpkgs",\n        "rev": "«h40»",\n        "type": "github"\n      }\n    }\n  },\n  "version": 7\n}\n`],
    ["infra/.terraform.lock.hcl", `provider "registry.terraform.io/hashicorp/google" {\n  version     = "6.8.0"\n  constraints = "~> 6.0"\n  hashes = [\n    "h1:«b43»=",\n    "zh:«h64»",\n    "zh:«h64»",\n  ]\n}\n`],
    ["releases/v4.12.0/checksums.txt", `«h64»  acme_4.12.0_linux_amd64.tar.gz\n«h64»  acme_4.12.0_darwin_arm64.tar.gz\n«h64»  acme_4.12.0_windows_amd64.zip\n`],
    ["deploy/images.lock.yaml", `images:\n  api: registry.acme.io/api@sha256:«h64»\n  worker: registry.acme.io/worker@sha256:«h64»\n`],
    ["charts/acme/Chart.lock", `dependencies:\n- name: postgresql\n  repository: https://charts.bitnami.com/bitnami\n  version: 15.5.38\ndigest: sha256:«h64»\ngenerated: "2026-10-30T12:00:00Z"\n`],
    ["gradle/verification-metadata.xml", `<?xml version="1.0" encoding="UTF-8"?>\n<verification-metadata>\n  <components>\n    <component group="com.squareup.okhttp3" name="okhttp" version="4.12.0">\n      <artifact name="okhttp-4.12.0.jar">\n        <sha256 value="«h64»" origin="Generated by Gradle"/>\n      </artifact>\n    </component>\n  </components>\n</verification-metadata>\n`],
    ["Pipfile.lock", `{\n    "_meta": { "hash": { "sha256": "«h64»" } },\n    "default": {\n        "requests": {\n            "hashes": ["sha256:«h64»", "sha256:«h64»"],\n            "version": "==2.32.3"\n        }\n    }\n}\n`],
    ["web/public/index.html", `<!doctype html>\n<html>\n<head>\n  <script src="https://cdn.jsdelivr.net/npm/htmx.org@2.0.3" integrity="sha384-«b64»" crossorigin="anonymous"></script>\n  <link rel="stylesheet" href="/assets/app.«h8».css">\n</head>\n<body></body>\n</html>\n`],
    ["CHANGELOG.md", `# Changelog\n\n## 4.12.0 (2026-11-02)\n\n- fix retry on 429 («h40»)\n- bump zod («h7»)\n- revert «h40»\n`],
    ["vendor/modules.txt.sum", `# sha1 of each vendored module\n«h40»  github.com/spf13/cobra\n«h40»  github.com/spf13/pflag\n`],
  ],
  "ids": [
    ["src/fixtures/orders.json", `[\n  { "id": "01JC8X4ZQ9V7M3K2P5T6R8W1YA", "customer": "cus_«A14»", "payment_intent": "pi_«A24»", "charge": "ch_«A24»" },\n  { "id": "01JC8X50B2N4D6F8H1J3K5M7PQ", "customer": "cus_«A14»", "payment_intent": "pi_«A24»", "charge": "ch_«A24»" }\n]\n`],
    ["app/models/subscription_test_data.rb", `SUBSCRIPTION = {\n  id: "sub_«A24»",\n  price: "price_«A24»",\n  product: "prod_«A14»",\n  latest_invoice: "in_«A24»",\n}.freeze\n`],
    ["logs/webhooks.log", `2026-11-09T10:00:00Z received evt_«A24» type=checkout.session.completed account=acct_«A16»\n2026-11-09T10:00:01Z received evt_«A24» type=invoice.paid\n`],
    ["src/ids.ts", `// ids we hand out: nanoid(21) for links, ULIDs for rows\nexport const exampleLinkId = "«u21»";\nexport const exampleRowId = "01JC8Z1K3M5N7P9Q2R4S6T8V0W";\n`],
    ["tests/fixtures/discord_messages.json", `{"messages":[{"id":"«d19»","channel_id":"«d18»","author":{"id":"«d18»","username":"ci-bot"},"content":"deploy ok"}]}\n`],
    ["db/seeds/users.yml", `- _id: «h24»\n  email: ana@example.com\n- _id: «h24»\n  email: bo@example.com\n`],
    ["observability/trace-sample.txt", `traceparent: 00-«h32»-«h16»-01\ntracestate: acme=«h16»\nx-request-id: ${uuid}\n`],
    ["src/api/idempotency.go", `package api\n\n// ExampleIdempotencyKey is what clients send in Idempotency-Key (a UUID v4).\nconst ExampleIdempotencyKey = "${uuid}"\n`],
    ["config/feature-flags.json", `{\n  "flags": [\n    { "key": "new-checkout", "id": "${uuid}", "on": true },\n    { "key": "dark-mode", "id": "${uuid}", "on": false }\n  ]\n}\n`],
    ["App.xcodeproj/project.pbxproj.part", `/* Begin PBXBuildFile section */\n\t\t«H24» /* AppDelegate.swift in Sources */ = {isa = PBXBuildFile; fileRef = «H24» /* AppDelegate.swift */; };\n\t\t«H24» /* Assets.xcassets in Resources */ = {isa = PBXBuildFile; fileRef = «H24»; };\n/* End PBXBuildFile section */\n`],
    ["Acme.Platform.sln", `Microsoft Visual Studio Solution File, Format Version 12.00\nProject("{«H8»-«H4»-«H4»-«H4»-«H12»}") = "Acme.Api", "Acme.Api\\Acme.Api.csproj", "{«H8»-«H4»-«H4»-«H4»-«H12»}"\nEndProject\n`],
    ["slack/channels.yaml", `channels:\n  ops: C«U10»\n  releases: C«U10»\nusers:\n  oncall: U«U10»\nworkspace: T«U10»\n`],
    ["firebase/export.json", `{"rooms":{"-«u19»":{"name":"general"},"-«u19»":{"name":"random"}}}\n`],
    ["sentry/issue-export.csv", `event_id,issue,first_seen\n«h32»,ACME-API-4F,2026-11-01\n«h32»,ACME-API-52,2026-11-03\n`],
    ["twilio/numbers.json", `{"incoming_phone_numbers":[{"sid":"PN«h32»","phone_number":"+15005550006","messaging_service_sid":"MG«h32»"}]}\n`],
    ["src/snowflake.rs", `/// Twitter-style snowflake ids: 41 bits of time, 10 of machine, 12 of sequence.\npub const EXAMPLE_ID: u64 = «d19»;\n`],
    ["docs/api/pagination.md", `# Pagination\n\nPass \`starting_after\` with the last object's id, e.g. \`cus_«A14»\`, to get the next page.\n`],
    ["graphql/persisted-queries.json", `{\n  "«h64»": "query Me { me { id name } }",\n  "«h64»": "query Orders($first: Int) { orders(first: $first) { id } }"\n}\n`],
  ],
  "public-keys-certs": [
    ["web/src/stripe.ts", `import { loadStripe } from "@stripe/stripe-js";\n\n// Publishable: ships to the browser by design.\nexport const stripePromise = loadStripe("pk_live_51«A97»");\n`],
    ["web/.env.production", `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_51«A97»\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=«clerkpk»\nNEXT_PUBLIC_POSTHOG_KEY=phc_«A43»\n`],
    ["keys/release-signing.pub.pem", `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA«b24»\n«b64»\n«b64»\n«b64»\n«b64»\n«b56»\nIDAQAB\n-----END PUBLIC KEY-----\n`],
    ["certs/intermediate.crt", `-----BEGIN CERTIFICATE-----\nMIIFBjCCAu6gAwIBAgIRAI«b40»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b64»\n«b40»==\n-----END CERTIFICATE-----\n`],
    ["ansible/roles/users/files/deploy.pub", `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43» deploy@acme\n`],
    ["infra/bastion-keys.tf", `resource "aws_key_pair" "ops" {\n  key_name   = "ops"\n  public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ«b300» ops@acme"\n}\n`],
    ["public/.well-known/openid-keys.json", `{"keys":[{"kty":"RSA","use":"sig","kid":"«h16»","alg":"RS256","n":"«u342»","e":"AQAB"},{"kty":"EC","crv":"P-256","kid":"«h16»","x":"«u43»","y":"«u43»"}]}\n`],
    ["keys/maintainers.asc", `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGV«b61»\n«b64»\n«b64»\n«b64»\n«b64»\n=«b4»\n-----END PGP PUBLIC KEY BLOCK-----\n`],
    ["secrets/.sops.yaml", `creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    age: age1«q58»\n`],
    ["vpn/peers/laptop.conf", `[Interface]\nAddress = 10.8.0.2/32\nDNS = 10.8.0.1\n\n[Peer]\nPublicKey = «b43»=\nEndpoint = vpn.acme.io:51820\nAllowedIPs = 0.0.0.0/0\n`],
    ["web/src/push.ts", `// VAPID public key (the application server key); the private half stays on the server.\nexport const applicationServerKey = "B«u86»";\n`],
    ["contracts/addresses.json", `{"mainnet":{"treasury":"0x«h40»","token":"0x«h40»"},"btc":{"cold":"bc1q«q38»"}}\n`],
    ["web/src/sentry.ts", `Sentry.init({\n  dsn: "https://«h32»@o«d6».ingest.sentry.io/«d7»",\n  tracesSampleRate: 0.1,\n});\n`],
    ["web/src/search.ts", `import algoliasearch from "algoliasearch/lite";\n\n// search-only key: safe in the browser\nexport const search = algoliasearch("«U10»", "«h32»");\nconst ALGOLIA_SEARCH_ONLY_KEY_NOTE = "see docs";\n`],
    ["web/src/map.ts", `mapboxgl.accessToken = "pk.eyJ1IjoiYWNtZSIsImEiOiJ«u22»In0.«u22»";\n`],
    ["mobile/ios/GoogleService-Info.plist.md", `Our Firebase client config is public; see the Firebase docs on API keys for Firebase services. The bundle id is io.acme.app.\n`],
    ["k8s/cert-manager/ca-issuer.yaml", `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: acme-ca\nspec:\n  ca:\n    secretName: acme-ca-keypair\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ca-bundle\ndata:\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIDdzCCAl+gAwIBAgIE«b40»\n    «b64»\n    «b64»\n    «b64»\n    -----END CERTIFICATE-----\n`],
    ["src/auth/jwks.py", `# The identity provider's public keys, cached for offline verification.\nJWKS = {"keys": [{"kty": "RSA", "kid": "«h16»", "n": "«u342»", "e": "AQAB", "alg": "RS256"}]}\n`],
    ["known_hosts.d/github", `github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43»\ngithub.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBB«b128»=\n`],
    ["certs/der/client-cert.b64", `«der:cert»\n`],
  ],
  "encrypted": [
    ["secrets/prod.enc.yaml", `db_password: ENC[AES256_GCM,data:«b24»,iv:«b43»=,tag:«b22»==,type:str]\napi_key: ENC[AES256_GCM,data:«b56»,iv:«b43»=,tag:«b22»==,type:str]\nsops:\n    age:\n        - recipient: age1«q58»\n          enc: |\n            -----BEGIN AGE ENCRYPTED FILE-----\n            «b64»\n            «b40»\n            -----END AGE ENCRYPTED FILE-----\n    lastmodified: "2026-11-01T10:00:00Z"\n    mac: ENC[AES256_GCM,data:«b86»=,iv:«b43»=,tag:«b22»==,type:str]\n    version: 3.9.1\n`],
    ["secrets/staging.enc.json", `{\n\t"stripe_secret_key": "ENC[AES256_GCM,data:«b100»,iv:«b43»=,tag:«b22»==,type:str]",\n\t"sops": {\n\t\t"kms": [{ "arn": "arn:aws:kms:eu-west-1:123456789012:key/${uuid}", "enc": "AQICAHh«b160»==" }],\n\t\t"version": "3.9.1"\n\t}\n}\n`],
    [".env.vault.production", `#/-------------------[DOTENV_PUBLIC_KEY]--------------------/\nDOTENV_PUBLIC_KEY_PRODUCTION="03«h64»"\n\nDATABASE_PASSWORD="encrypted:BD«b120»=="\nSTRIPE_SECRET_KEY="encrypted:BC«b140»="\n`],
    ["group_vars/prod/vault.yml", `$ANSIBLE_VAULT;1.1;AES256\n«h80»\n«h80»\n«h80»\n«h80»\n«h34»\n`],
    ["roles/db/vars/main.yml", `db_user: app\ndb_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  «h80»\n  «h80»\n  «h60»\n`],
    ["k8s/sealed/api-sealed.yaml", `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api-env\n  namespace: prod\nspec:\n  encryptedData:\n    STRIPE_SECRET_KEY: AgB«b600»==\n    DATABASE_PASSWORD: AgC«b400»=\n`],
    ["secrets/token.txt.age", `-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB«b43»\n«b64»\n«b32»\n-----END AGE ENCRYPTED FILE-----\n`],
    ["src/main/resources/application-enc.properties", `spring.datasource.password=ENC(«b44»)\nvendor.api-key=ENC(«b64»)\njasypt.encryptor.algorithm=PBEWITHHMACSHA512ANDAES_256\n`],
    ["hieradata/production.eyaml", `---\nprofile::db::password: >\n    ENC[PKCS7,MIIBiQYJKoZIhvcNAQcDoIIBejCCAXYCAQAxggEhMIIBHQIBADAFMAACAQEw«b200»]\n`],
    ["config/credentials/production.yml.enc", `«b300»--«b16»--«b24»==\n`],
    [".travis.yml", `language: node_js\nnode_js: ["20"]\nenv:\n  global:\n    - secure: "«b344»="\n`],
    ["data_bags/secrets/prod.json", `{\n  "id": "prod",\n  "db_password": {\n    "encrypted_data": "«b64»\\n",\n    "iv": "«b22»==\\n",\n    "auth_tag": "«b22»==\\n",\n    "version": 3,\n    "cipher": "aes-256-gcm"\n  }\n}\n`],
    ["vault/transit-export.json", `{"ciphertext":"vault:v1:«b92»=","key_version":1}\n`],
    ["config/kms-blobs.yaml", `# decrypted at boot with aws kms decrypt\nencrypted_api_key: AQICAHh«b200»==\nencrypted_db_password: AQICAHh«b180»=\n`],
    ["secrets.env.sops", `DB_PASSWORD=ENC[AES256_GCM,data:«b20»,iv:«b43»=,tag:«b22»==,type:str]\nsops_version=3.9.1\nsops_mac=ENC[AES256_GCM,data:«b86»=,iv:«b43»=,tag:«b22»==,type:str]\n`],
    ["deploy/secrets.gpg.asc", `-----BEGIN PGP MESSAGE-----\n\nhQGMA«b59»\n«b64»\n«b64»\n«b30»\n=«b4»\n-----END PGP MESSAGE-----\n`],
  ],
  "secret-handling-code": [
    ["src/security/mask.py", `def mask(secret: str, keep: int = 4) -> str:\n    """Shows the last characters only: sk-...abcd."""\n    if len(secret) <= keep:\n        return "*" * len(secret)\n    return "*" * (len(secret) - keep) + secret[-keep:]\n`],
    ["src/security/tokens.ts", `import { randomBytes, timingSafeEqual } from "node:crypto";\n\nexport const newApiKey = () => \`acme_\${randomBytes(24).toString("base64url")}\`;\n\nexport function sameSecret(a: string, b: string): boolean {\n  const x = Buffer.from(a);\n  const y = Buffer.from(b);\n  return x.length === y.length && timingSafeEqual(x, y);\n}\n`],
    ["internal/auth/validate.go", `package auth\n\nimport "regexp"\n\n// Shapes we accept from users pasting their keys.\nvar (\n\topenAIKey  = regexp.MustCompile(\`^sk-(proj-)?[A-Za-z0-9_-]{20,}$\`)\n\tgithubPAT  = regexp.MustCompile(\`^gh[pousr]_[A-Za-z0-9]{36}$\`)\n\tstripeKey  = regexp.MustCompile(\`^(sk|rk)_(live|test)_[A-Za-z0-9]{24,}$\`)\n)\n`],
    ["src/main/java/io/acme/security/PasswordService.java", `public class PasswordService {\n    private final PasswordEncoder encoder = new BCryptPasswordEncoder(12);\n\n    public String hash(String password) {\n        return encoder.encode(password);\n    }\n\n    public boolean matches(String password, String hash) {\n        return encoder.matches(password, hash);\n    }\n}\n`],
    ["lib/secrets.rb", `module Secrets\n  def self.fetch!(name)\n    ENV.fetch(name) { raise KeyError, "missing secret #{name}; set it in the vault" }\n  end\n\n  API_KEY = fetch!("API_KEY")\n  DB_PASSWORD = fetch!("DB_PASSWORD")\nend\n`],
    ["scripts/gen_secret_key.py", `import secrets\n\nprint("SECRET_KEY=" + secrets.token_urlsafe(50))\nprint("WEBHOOK_SECRET=" + secrets.token_hex(32))\n`],
    ["src/webhooks/verify.ts", `import { createHmac, timingSafeEqual } from "node:crypto";\n\nexport function verify(payload: string, header: string, secret = process.env.WEBHOOK_SECRET!): boolean {\n  const expected = createHmac("sha256", secret).update(payload).digest("hex");\n  return timingSafeEqual(Buffer.from(expected), Buffer.from(header.replace(/^sha256=/, "")));\n}\n`],
    ["src/Acme/Secrets/KeyVaultLoader.cs", `public static class KeyVaultLoader\n{\n    public static async Task<string> ApiKeyAsync(SecretClient client) =>\n        (await client.GetSecretAsync("vendor-api-key")).Value.Value;\n}\n`],
    ["src/redact.rs", `pub fn redact(line: &str) -> String {\n    let re = regex::Regex::new(r"(?i)(password|token|secret)=\\S+").unwrap();\n    re.replace_all(line, "$1=[REDACTED]").into_owned()\n}\n`],
    ["app/Http/Middleware/CheckApiKey.php", `<?php\n\nclass CheckApiKey\n{\n    public function handle($request, Closure $next)\n    {\n        if (!hash_equals(config('services.api.key'), (string) $request->header('X-Api-Key'))) {\n            abort(401);\n        }\n        return $next($request);\n    }\n}\n`],
    ["scripts/rotate-keys.sh", `#!/usr/bin/env bash\nset -euo pipefail\nNEW_KEY=$(openssl rand -hex 32)\naws secretsmanager put-secret-value --secret-id prod/vendor --secret-string "$NEW_KEY"\necho "rotated (ends in \${NEW_KEY: -4})"\n`],
    ["src/config/load.py", `import os\nfrom dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Settings:\n    openai_api_key: str = os.environ["OPENAI_API_KEY"]\n    anthropic_api_key: str = os.getenv("ANTHROPIC_API_KEY", "")\n    db_password: str = os.environ.get("DB_PASSWORD") or ""\n`],
    ["src/config/env.ts", `import { z } from "zod";\n\nexport const env = z\n  .object({\n    STRIPE_SECRET_KEY: z.string().startsWith("sk_"),\n    GITHUB_TOKEN: z.string().min(40),\n    DATABASE_URL: z.string().url(),\n  })\n  .parse(process.env);\n`],
    ["cmd/keygen/main.go", `package main\n\nimport (\n\t"crypto/ed25519"\n\t"crypto/rand"\n\t"encoding/base64"\n\t"fmt"\n)\n\nfunc main() {\n\tpub, priv, _ := ed25519.GenerateKey(rand.Reader)\n\tfmt.Println(base64.StdEncoding.EncodeToString(pub))\n\t_ = priv // written to the vault, never printed\n}\n`],
    ["src/auth/password_policy.kt", `object PasswordPolicy {\n    const val MIN_LENGTH = 12\n    private val weak = setOf("password", "123456", "qwerty")\n    fun ok(password: String) = password.length >= MIN_LENGTH && password.lowercase() !in weak\n}\n`],
    ["tests/test_mask.py", `from acme.security.mask import mask\n\n\ndef test_mask_keeps_last_four():\n    assert mask("abcdefgh") == "****efgh"\n`],
    ["src/components/ApiKeyField.tsx", `export function ApiKeyField({ value }: { value: string }) {\n  const shown = value ? \`\${value.slice(0, 7)}…\${value.slice(-4)}\` : "not set";\n  return <code aria-label="api key">{shown}</code>;\n}\n`],
    ["src/main/kotlin/io/acme/Secrets.kt", `object Secrets {\n    val apiKey: String by lazy { System.getenv("API_KEY") ?: error("API_KEY is not set") }\n    val dbPassword: String get() = System.getenv("DB_PASSWORD").orEmpty()\n}\n`],
  ],
};

Object.assign(CLEAN, {
  "secret-named-non-secret": [
    ["src/auth/oauth_response.json", `{\n  "token_type": "Bearer",\n  "expires_in": 3600,\n  "scope": "read:orders",\n  "refresh_token_expires_in": 7776000\n}\n`],
    ["config/llm.toml", `[generation]\nmodel = "gpt-4.1-mini"\nmax_tokens = 4096\nmax_input_tokens = 128000\ntokenizer = "o200k_base"\n`],
    ["config/security.ini", `[passwords]\npassword_min_length = 12\npassword_max_age_days = 90\npassword_history = 5\n\n[tokens]\ntoken_ttl_seconds = 900\n`],
    [".env.production.shared", `PASSWORD_RESET_URL=https://acme.dev/reset\nJWT_ALGORITHM=RS256\nSESSION_SECRET_NAME=acme-session\nAUTH_TOKEN_TTL=3600\nSECRET_ROTATION_DAYS=30\n`],
    ["templates/layout.html", `<!doctype html>\n<html>\n<head>\n  <meta name="csrf-token" content="{{ csrf_token() }}">\n  <meta name="csrf-param" content="authenticity_token">\n</head>\n<body>{% block body %}{% endblock %}</body>\n</html>\n`],
    ["src/crypto/publicKey.ts", `export const publicKeyAlgorithm = "ECDSA";\nexport const publicKeyFormat = "spki";\nexport const secretKeyLength = 32;\nexport const passwordHashAlgorithm = "argon2id";\n`],
    ["k8s/apps/api-deployment.yaml", `env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: api-db\n        key: password\n  - name: API_KEY_HEADER\n    value: X-Api-Key\n`],
    ["config/auth.yml", `auth:\n  token_endpoint: https://login.acme.dev/oauth/token\n  token_header: Authorization\n  api_key_param: api_key\n  secret_store: vault\n  password_field: password\n`],
    ["src/forms/login.vue", `<template>\n  <form>\n    <input type="password" name="password" autocomplete="current-password" :minlength="passwordMinLength" />\n    <input type="hidden" name="_token" :value="csrfToken" />\n  </form>\n</template>\n`],
    ["openapi/components.yaml", `components:\n  securitySchemes:\n    ApiKeyAuth:\n      type: apiKey\n      in: header\n      name: X-API-Key\n    BearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n`],
    ["docs/settings-table.md", `| setting | default |\n| --- | --- |\n| \`secret_key_length\` | 50 |\n| \`token_prefix\` | \`acme_\` |\n| \`api_key_rotation\` | 90 days |\n| \`password_reset_ttl\` | 1 hour |\n`],
    ["src/Acme/TokenOptions.cs", `public class TokenOptions\n{\n    public string Issuer { get; set; } = "https://login.acme.dev";\n    public string SigningKeyName { get; set; } = "jwt-signing-key";\n    public int AccessTokenMinutes { get; set; } = 15;\n}\n`],
    ["config/redis-keys.yaml", `keys:\n  session: "sess:{id}"\n  token_blacklist: "auth:revoked:{jti}"\n  rate_limit: "rl:{api_key_id}:{window}"\n`],
    ["metrics/dashboards/tokens.json", `{"title":"LLM usage","panels":[{"title":"prompt_tokens","expr":"sum(rate(llm_prompt_tokens_total[5m]))"},{"title":"completion_tokens","expr":"sum(rate(llm_completion_tokens_total[5m]))"}]}\n`],
    ["config/keycloak-realm.json", `{\n  "realm": "acme",\n  "passwordPolicy": "length(12) and digits(1) and notUsername",\n  "accessTokenLifespan": 300,\n  "keys": { "provider": "rsa-generated", "priority": 100 }\n}\n`],
    ["db/schema/users.prisma", `model User {\n  id             String   @id @default(cuid())\n  email          String   @unique\n  passwordHash   String\n  apiKeyLast4    String?\n  resetToken     String?  @unique\n  tokenExpiresAt DateTime?\n}\n`],
  ],
  "i18n": [
    ["locales/fr/auth.json", `{\n  "password": "Mot de passe",\n  "password_hint": "Au moins 12 caractères",\n  "api_key": "Clé d'API",\n  "token_expired": "Votre jeton a expiré, reconnectez-vous.",\n  "secret_copied": "Secret copié"\n}\n`],
    ["config/locales/it.yml", `it:\n  devise:\n    passwords:\n      send_instructions: "Riceverai un'email con le istruzioni per reimpostare la password."\n    api_keys:\n      created: "Chiave API creata. Copiala ora: non la mostreremo più."\n`],
    ["locale/pt_BR/LC_MESSAGES/messages.po", `msgid "Password"\nmsgstr "Senha"\n\nmsgid "Your API token"\nmsgstr "Seu token de API"\n\nmsgid "Secret key"\nmsgstr "Chave secreta"\n`],
    ["Resources/de.lproj/Localizable.strings", `"password.placeholder" = "Passwort eingeben";\n"token.invalid" = "Ungültiges Token";\n"apikey.title" = "API-Schlüssel";\n`],
    ["lib/l10n/app_es.arb", `{\n  "@@locale": "es",\n  "passwordLabel": "Contraseña",\n  "apiKeyLabel": "Clave de API",\n  "tokenHelp": "Pega aquí tu token personal"\n}\n`],
    ["src/main/resources/messages_nl.properties", `login.password=Wachtwoord\nlogin.password.forgot=Wachtwoord vergeten?\napi.key.label=API-sleutel\napi.token.expired=Je token is verlopen\n`],
    ["Resources/Strings.ja.resx", `<?xml version="1.0" encoding="utf-8"?>\n<root>\n  <data name="Password" xml:space="preserve"><value>パスワード</value></data>\n  <data name="ApiKey" xml:space="preserve"><value>APIキー</value></data>\n  <data name="SecretHint" xml:space="preserve"><value>シークレットは一度だけ表示されます</value></data>\n</root>\n`],
    ["translations/app.zh-CN.xlf", `<xliff version="1.2">\n  <file source-language="en" target-language="zh-CN">\n    <body>\n      <trans-unit id="password"><source>Password</source><target>密码</target></trans-unit>\n      <trans-unit id="token"><source>Access token</source><target>访问令牌</target></trans-unit>\n    </body>\n  </file>\n</xliff>\n`],
    ["src/i18n/ko.ts", `export default {\n  password: "비밀번호",\n  apiKey: "API 키",\n  secret: "비밀 키",\n  tokenExpired: "토큰이 만료되었습니다",\n};\n`],
    ["locales/ru.yaml", `ru:\n  password: "Пароль"\n  api_token: "API-токен"\n  secret_key_warning: "Никому не сообщайте секретный ключ"\n`],
    ["public/locales/pl/settings.json", `{"apiKeys":{"title":"Klucze API","create":"Utwórz klucz","secret":"Sekret","revoke":"Unieważnij token"}}\n`],
    ["res/values-tr/strings.xml", `<resources>\n    <string name="password">Şifre</string>\n    <string name="api_key">API anahtarı</string>\n    <string name="token_hint">Erişim belirtecinizi girin</string>\n</resources>\n`],
  ],
  "test-fixture-fake": [
    ["tests/unit/test_client.py", `from acme.client import Client\n\n\ndef test_sends_key(httpx_mock):\n    client = Client(api_key="test-api-key")\n    client.ping()\n    assert httpx_mock.get_request().headers["x-api-key"] == "test-api-key"\n`],
    ["spec/support/fake_credentials.rb", `FAKE_CREDENTIALS = {\n  api_key: "fake-api-key",\n  secret: "not-a-real-secret",\n  password: "password",\n}.freeze\n`],
    ["src/__tests__/auth.test.ts", `const user = { email: "test@example.com", password: "correct horse battery staple" };\n\nit("logs in", async () => {\n  await login(user.email, user.password);\n});\n`],
    ["internal/store/store_test.go", `func TestOpen(t *testing.T) {\n\tdsn := "postgres://test:test@localhost:5432/test?sslmode=disable"\n\tif _, err := Open(dsn); err != nil {\n\t\tt.Fatal(err)\n\t}\n}\n`],
    ["cypress/fixtures/account.json", `{\n  "username": "e2e-user",\n  "password": "e2e-password",\n  "apiToken": "dummy-token"\n}\n`],
    ["tests/mocks/vendor.js", `module.exports = {\n  apiKey: "mock-api-key-123",\n  webhookSecret: "whsec_test_secret",\n  accessToken: "mock-access-token",\n};\n`],
    ["src/test/resources/application-test.yaml", `spring:\n  datasource:\n    url: jdbc:h2:mem:test\n    username: sa\n    password: ""\nvendor:\n  api-key: test-key\n`],
    ["tests/fixtures/github_event.json", `{\n  "action": "opened",\n  "installation": { "id": 12345 },\n  "sender": { "login": "octocat" },\n  "token": "ghs_test_token_for_unit_tests"\n}\n`],
    ["testdata/config.yaml", `api_key: testing\nsecret: secret\npassword: hunter2\n`],
    ["tests/conftest_settings.py", `import pytest\n\n\n@pytest.fixture(autouse=True)\ndef env(monkeypatch):\n    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")\n    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_dummy")\n`],
    ["e2e/users.spec.ts", `test("admin can invite", async ({ page }) => {\n  await page.fill("#email", "admin@example.com");\n  await page.fill("#password", "Password123!");\n  await page.click("text=Sign in");\n});\n`],
    ["src/test/kotlin/io/acme/ClientTest.kt", `class ClientTest {\n    private val client = Client(apiKey = "test_api_key", secret = "test_secret")\n}\n`],
    ["__tests__/__snapshots__/settings.test.tsx.snap", `exports[\`settings renders the masked key 1\`] = \`\n<code aria-label="api key">sk-proj…abcd</code>\n\`;\n`],
  ],
  "env-public-defaults": [
    [".env.example", `# copy to .env.local and fill in\nDATABASE_URL=postgres://postgres:postgres@localhost:5432/app\nOPENAI_API_KEY=\nSTRIPE_SECRET_KEY=sk_test_...\nNEXTAUTH_SECRET=<generate with openssl rand -base64 32>\nNEXT_PUBLIC_APP_URL=http://localhost:3000\n`],
    [".env.development", `NEXT_PUBLIC_API_URL=http://localhost:4000\nNEXT_PUBLIC_SUPABASE_URL=http://127.0.0.1:54321\nLOG_LEVEL=debug\nFEATURE_CHAT=true\nSESSION_SECRET=dev-session-secret\n`],
    [".env.test", `NODE_ENV=test\nDATABASE_URL=postgres://postgres:postgres@localhost:5433/test\nJWT_SECRET=test-jwt-secret\nMAIL_PASSWORD=password\nRATE_LIMIT=0\n`],
    ["api/.env.sample", `PORT=4000\nREDIS_URL=redis://localhost:6379/0\nSENDGRID_API_KEY=your_sendgrid_key\nADMIN_PASSWORD=changeme\n`],
    ["worker/.env.template", `QUEUE_URL=amqp://guest:guest@localhost:5672/\nS3_BUCKET=acme-dev\nAWS_ACCESS_KEY_ID=\nAWS_SECRET_ACCESS_KEY=\n`],
    ["example.env", `APP_ENV=local\nAPI_KEY=<your key>\nAPI_SECRET=<your secret>\nWEBHOOK_SECRET=whsec_...\n`],
    ["docker/.env.dist", `COMPOSE_PROJECT_NAME=acme\nMYSQL_ROOT_PASSWORD=root\nMYSQL_PASSWORD=app\nMYSQL_DATABASE=app\n`],
    ["apps/mobile/.env.development", `EXPO_PUBLIC_API_URL=http://10.0.2.2:4000\nEXPO_PUBLIC_SENTRY_DSN=\nAPP_VARIANT=development\nGITHUB_CLIENT_SECRET=123\n`],
    [".env.production", `NEXT_PUBLIC_APP_URL=https://acme.dev\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_live_51«A97»\nVITE_TOKEN_STORAGE_KEY=acme.auth.token\nAUTH_COOKIE_NAME=__Host-session\nPASSWORD_MIN_LENGTH=12\n`],
    ["services/search/.env", `MEILI_ENV=development\nMEILI_HTTP_ADDR=0.0.0.0:7700\nMEILI_MASTER_KEY=\nSEARCH_API_KEY_ID=${uuid}\n`],
    [".env.ci", `CI=true\nDATABASE_URL=postgres://postgres:postgres@postgres:5432/ci\nREDIS_URL=redis://redis:6379\nSECRET_KEY_BASE=test\n`],
    ["config/.env.staging.example", `API_BASE_URL=https://staging.acme.dev\nSENTRY_DSN=\nDATADOG_API_KEY=<datadog api key>\nSLACK_WEBHOOK_URL=https://hooks.slack.com/services/...\n`],
  ],
  "url-without-secret": [
    ["config/database.example.yml", `development:\n  url: postgres://localhost:5432/acme_dev\ntest:\n  url: postgres://postgres@localhost:5432/acme_test\n`],
    ["src/queue.py", `BROKER_URL = "amqp://rabbitmq:5672//"\nRESULT_BACKEND = "redis://redis:6379/1"\n`],
    ["docs/webhooks-setup.md", `# Webhooks\n\nCreate an incoming webhook in Slack; the URL starts with \`https://hooks.slack.com/services/\` and the rest is the secret part, which goes in the vault.\n`],
    ["helm/values.dev.yaml", `mongodb:\n  uri: mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017/app?replicaSet=rs0\nredis:\n  url: redis://redis-master:6379\n`],
    ["src/main/resources/application-local.properties", `spring.datasource.url=jdbc:postgresql://localhost:5432/app\nspring.datasource.username=\${DB_USER}\nspring.datasource.password=\${DB_PASSWORD}\n`],
    ["docker-compose.ci.yml", `services:\n  tests:\n    environment:\n      DATABASE_URL: postgres://postgres@db:5432/test\n      ELASTIC_URL: http://elastic:9200\n`],
    ["config/proxy.pac.md", `Use \`http://proxy.acme.io:3128\` (no credentials: the proxy authenticates by IP).\n`],
    ["src/clients.go", `var endpoints = []string{\n\t"https://api.acme.dev/v1",\n\t"https://user@git.acme.io/acme/api.git",\n\t"ssh://git@github.com/acme/api.git",\n}\n`],
    ["config/sentry.yml", `sentry:\n  dsn: https://«h32»@o«d6».ingest.us.sentry.io/«d7»\n  environment: production\n`],
    ["ops/connection-strings.md", `Format: \`Server=tcp:<server>.database.windows.net,1433;Initial Catalog=<db>;Authentication=Active Directory Default;\` (no password: managed identity).\n`],
  ],
});

const protoBytes = Array.from({ length: 12 }, () => `\t0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2», 0x«h2»,`).join("\n");

Object.assign(CLEAN, {
  "generated-code": [
    ["gen/go/orders/v1/orders.pb.go", `// Code generated by protoc-gen-go. DO NOT EDIT.\npackage ordersv1\n\nvar file_orders_v1_orders_proto_rawDesc = []byte{\n${protoBytes}\n}\n`],
    ["gen/python/orders_pb2.py", `# -*- coding: utf-8 -*-\n# Generated by the protocol buffer compiler.  DO NOT EDIT!\nfrom google.protobuf import descriptor_pool as _descriptor_pool\n\nDESCRIPTOR = _descriptor_pool.Default().AddSerializedFile(b'\\n\\x0forders/v1.proto\\x12\\tacme.v1\\"«A40»\\x12\\x0e\\n\\x02id\\x18\\x01 \\x01(\\t')\n`],
    ["build/static/js/main.«h8».js", `!function(){"use strict";var e={«d3»:function(e,t,n){n.d(t,{Z:function(){return r}});var r="«A64»"}},t={};function n(r){var o=t[r];if(void 0!==o)return o.exports;var i=t[r]={exports:{}};return e[r](i,i.exports,n),i.exports}n.d=function(e,t){for(var r in t)n.o(t,r)&&Object.defineProperty(e,r,{enumerable:!0,get:t[r]})}}();\n`],
    ["build/static/js/main.js.map", `{"version":3,"file":"main.js","sources":["../src/index.ts","../src/app.ts"],"names":["e","t","n"],"mappings":"«b60»;«b60»,«b40»;«b72»","sourcesContent":[null,null]}\n`],
    ["web/src/assets/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M32 2C15.4 2 2 15.4 2 32s13.4 30 30 30 30-13.4 30-30S48.6 2 32 2zm0 54c-13.3 0-24-10.7-24-24S18.7 8 32 8s24 10.7 24 24-10.7 24-24 24z"/><image href="data:image/png;base64,${b64img(200)}="/></svg>\n`],
    ["web/src/fonts/inter.css", `@font-face {\n  font-family: "Inter";\n  src: url(data:font/woff2;base64,d09GMgABAAAAA«b400») format("woff2");\n}\n`],
    ["src/__generated__/OrdersQuery.graphql.ts", `/* @generated */\nconst node = {\n  "params": {\n    "cacheID": "«h32»",\n    "id": "«h32»",\n    "name": "OrdersQuery",\n    "operationKind": "query"\n  }\n};\n(node as any).hash = "«h32»";\nexport default node;\n`],
    ["build/asset-manifest.json", `{\n  "files": {\n    "main.js": "/static/js/main.«h8».js",\n    "main.css": "/static/css/main.«h8».css"\n  },\n  "entrypoints": ["static/js/runtime.«h8».js", "static/js/main.«h8».js"]\n}\n`],
    [".next/build-manifest.json", `{"polyfillFiles":["static/chunks/polyfills-«h16».js"],"devFiles":[],"lowPriorityFiles":["static/«u21»/_buildManifest.js","static/«u21»/_ssgManifest.js"],"rootMainFiles":["static/chunks/webpack-«h16».js"]}\n`],
    ["src/emails/logo.ts", `// Inlined so mail clients show it without remote images.\nexport const LOGO = "data:image/png;base64,${b64img(600)}==";\n`],
    ["tests/golden/thumbnail.json", `{"width":64,"height":64,"png":"${b64img(900)}"}\n`],
    ["android/app/src/main/res/raw/model.tflite.b64", `«b76»\n«b76»\n«b76»\n«b76»\n«b76»\n«b76»\n`],
    ["src/wasm/inline.js", `// generated by wasm-pack --target web (inlined)\nexport const wasmBase64 = "AGFzbQEAAAAB«b500»";\n`],
    ["gen/ts/orders_connect.ts", `// @generated by protoc-gen-connect-es v1.4.0\nexport const OrdersService = {\n  typeName: "acme.v1.OrdersService",\n  methods: { list: { name: "List", I: ListRequest, O: ListResponse, kind: MethodKind.Unary } },\n} as const;\nexport const fileDescriptor = "«b120»";\n`],
    ["docs/diagrams/architecture.drawio", `<mxfile host="app.diagrams.net"><diagram id="«u20»" name="Page-1">«b400»</diagram></mxfile>\n`],
    ["build/sw.js", `self.__WB_MANIFEST=[{"revision":"«h32»","url":"/index.html"},{"revision":"«h32»","url":"/app.js"},{"revision":null,"url":"/assets/logo.«h8».svg"}];\n`],
  ],
  "api-spec": [
    ["openapi/payments.yaml", `openapi: 3.1.0\ninfo:\n  title: Payments\n  version: 1.0.0\npaths:\n  /v1/charges:\n    post:\n      security:\n        - bearerAuth: []\n      parameters:\n        - name: Authorization\n          in: header\n          example: Bearer <token>\n      responses:\n        "200":\n          content:\n            application/json:\n              example:\n                id: ch_«A24»\n                customer: cus_«A14»\n`],
    ["openapi/auth.json", `{\n  "openapi": "3.0.3",\n  "paths": {\n    "/oauth/token": {\n      "post": {\n        "requestBody": { "content": { "application/x-www-form-urlencoded": { "example": { "grant_type": "client_credentials", "client_id": "your-client-id", "client_secret": "your-client-secret" } } } },\n        "responses": { "200": { "content": { "application/json": { "example": { "access_token": "eyJhbGciOiJSUzI1NiJ9...", "token_type": "Bearer", "expires_in": 3600 } } } } }\n      }\n    }\n  }\n}\n`],
    ["postman/Acme API.postman_collection.json", `{\n  "info": { "name": "Acme API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },\n  "auth": { "type": "apikey", "apikey": [{ "key": "value", "value": "{{apiKey}}" }, { "key": "key", "value": "X-Api-Key" }] },\n  "variable": [{ "key": "apiKey", "value": "" }, { "key": "baseUrl", "value": "https://api.acme.dev" }]\n}\n`],
    ["asyncapi.yaml", `asyncapi: 3.0.0\ninfo:\n  title: Order events\n  version: 1.0.0\ncomponents:\n  securitySchemes:\n    saslScram:\n      type: scramSha256\n      description: Username and password from the vault.\n  messages:\n    OrderPaid:\n      examples:\n        - payload:\n            order_id: ord_«A16»\n            idempotency_key: ${uuid}\n`],
    ["docs/api/webhooks.md", `# Webhook signatures\n\nEach request has \`Acme-Signature: t=1731400000,v1=<hex hmac>\`. Example:\n\n\`\`\`\nAcme-Signature: t=1731400000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd\n\`\`\`\n\nCompute the HMAC with your endpoint's secret (\`whsec_...\`).\n`],
    ["schema/api.graphql", `"""Create a personal access token. The token is shown once."""\ntype Mutation {\n  createToken(name: String!, scopes: [Scope!]!): CreateTokenPayload!\n}\n\ntype CreateTokenPayload {\n  "The token, e.g. acme_pat_<31 characters>."\n  token: String!\n  tokenLast4: String!\n}\n`],
    ["openapi/examples/user.yaml", `value:\n  id: usr_«A16»\n  email: ana@example.com\n  api_key_prefix: acme_live_\n  password_updated_at: "2026-10-01T12:00:00Z"\n`],
    ["docs/api/auth.rst", `Authentication\n==============\n\nSend your key in the header::\n\n    curl -H "X-Api-Key: $ACME_API_KEY" https://api.acme.dev/v1/me\n\nKeys look like \`\`acme_live_\`\` followed by 32 characters.\n`],
    ["bruno/orders/list.bru", `meta {\n  name: list orders\n}\n\nget {\n  url: {{baseUrl}}/v1/orders\n}\n\nheaders {\n  Authorization: Bearer {{accessToken}}\n}\n`],
    ["openapi/errors.yaml", `InvalidApiKey:\n  description: The API key is wrong or revoked.\n  content:\n    application/json:\n      example:\n        error: invalid_api_key\n        message: "Invalid API key provided: sk_live_****************abcd"\n`],
  ],
  "migrations": [
    ["db/migration/V12__add_api_keys.sql", `-- Flyway migration\nCREATE TABLE api_keys (\n  id UUID PRIMARY KEY,\n  key_hash CHAR(64) NOT NULL,\n  last4 CHAR(4) NOT NULL,\n  created_at TIMESTAMPTZ DEFAULT now()\n);\n`],
    ["db/flyway_schema_history.csv", `installed_rank,version,description,script,checksum,success\n11,11,add users,V11__add_users.sql,-«d10»,true\n12,12,add api keys,V12__add_api_keys.sql,«d10»,true\n`],
    ["db/changelog/db.changelog-4.12.yaml", `databaseChangeLog:\n  - changeSet:\n      id: 4.12-1\n      author: ops\n      validCheckSum: 9:«h32»\n      changes:\n        - addColumn:\n            tableName: users\n            columns:\n              - column: { name: password_digest, type: varchar(60) }\n`],
    ["alembic/versions/«h12»_add_tokens.py", `"""add tokens\n\nRevision ID: «h12»\nRevises: «h12»\n"""\nrevision = "«h12»"\ndown_revision = "«h12»"\n\n\ndef upgrade():\n    op.add_column("users", sa.Column("token_hash", sa.String(64)))\n`],
    ["db/migrate/20261101120000_add_password_digest.rb", `class AddPasswordDigest < ActiveRecord::Migration[7.2]\n  def change\n    add_column :users, :password_digest, :string\n    add_column :users, :api_token_digest, :string\n  end\nend\n`],
    ["Migrations/20261101120000_AddSecrets.Designer.cs", `[DbContext(typeof(AcmeContext))]\n[Migration("20261101120000_AddSecrets")]\npartial class AddSecrets\n{\n    protected override void BuildTargetModel(ModelBuilder modelBuilder)\n    {\n        modelBuilder.HasAnnotation("ProductVersion", "8.0.10");\n        modelBuilder.Entity("Acme.ApiKey", b => { b.Property<string>("SecretHash").HasMaxLength(64); });\n    }\n}\n`],
    ["prisma/migrations/20261101120000_tokens/migration.sql", `-- CreateTable\nCREATE TABLE "Token" (\n    "id" TEXT NOT NULL,\n    "hash" TEXT NOT NULL,\n    CONSTRAINT "Token_pkey" PRIMARY KEY ("id")\n);\nCREATE UNIQUE INDEX "Token_hash_key" ON "Token"("hash");\n`],
    ["migrations/atlas.sum", `h1:«b43»=\n20261001120000_init.sql h1:«b43»=\n20261101120000_tokens.sql h1:«b43»=\n`],
    ["db/seeds/001_roles.sql", `INSERT INTO roles (id, name, permissions_hash) VALUES\n  ('${uuid}', 'admin', '«h64»'),\n  ('${uuid}', 'viewer', '«h64»');\n`],
    ["apps/accounts/migrations/0007_apikey.py", `from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("accounts", "0006_user_password_changed")]\n    operations = [\n        migrations.AddField("apikey", "hashed_key", models.CharField(max_length=128)),\n        migrations.AddField("apikey", "prefix", models.CharField(max_length=8, default="acme_")),\n    ]\n`],
  ],
  "terraform-state": [
    ["infra/state/network.tfstate", `{\n  "version": 4,\n  "terraform_version": "1.9.8",\n  "serial": 42,\n  "lineage": "${uuid}",\n  "outputs": { "vpc_id": { "value": "vpc-«h17»", "type": "string" } },\n  "resources": [\n    {\n      "mode": "managed",\n      "type": "aws_vpc",\n      "name": "main",\n      "instances": [{ "schema_version": 1, "attributes": { "arn": "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-«h17»", "id": "vpc-«h17»", "cidr_block": "10.0.0.0/16" }, "sensitive_attributes": [] }]\n    }\n  ]\n}\n`],
    ["infra/state/assets.tfstate", `{\n  "version": 4,\n  "serial": 7,\n  "lineage": "${uuid}",\n  "resources": [\n    {\n      "type": "aws_s3_object",\n      "name": "logo",\n      "instances": [{ "attributes": { "bucket": "acme-assets", "key": "logo.svg", "etag": "«h32»", "source_hash": "«h64»", "version_id": "«u32»" } }]\n    }\n  ]\n}\n`],
    ["infra/state/random.tfstate", `{\n  "version": 4,\n  "resources": [\n    {\n      "type": "random_id",\n      "name": "bucket_suffix",\n      "instances": [{ "attributes": { "b64_std": "«b11»=", "b64_url": "«u11»", "byte_length": 8, "hex": "«h16»", "id": "«u11»" } }]\n    },\n    {\n      "type": "aws_iam_role",\n      "name": "ci",\n      "instances": [{ "attributes": { "arn": "arn:aws:iam::123456789012:role/ci", "unique_id": "AROA«U17»" } }]\n    }\n  ]\n}\n`],
    ["infra/plan-output.txt", `Terraform will perform the following actions:\n\n  # aws_lambda_function.api will be updated in-place\n  ~ resource "aws_lambda_function" "api" {\n      ~ source_code_hash = "«b43»=" -> "«b43»="\n        id               = "api"\n      ~ environment {\n          ~ variables = (sensitive value)\n        }\n    }\n\nPlan: 0 to add, 1 to change, 0 to destroy.\n`],
    ["infra/state/dns.tfstate", `{"version":4,"serial":3,"lineage":"${uuid}","resources":[{"type":"cloudflare_record","name":"api","instances":[{"attributes":{"id":"«h32»","zone_id":"«h32»","name":"api","value":"203.0.113.10","proxied":true}}]}]}\n`],
    ["infra/state/gke.tfstate", `{\n  "version": 4,\n  "resources": [\n    {\n      "type": "google_container_cluster",\n      "name": "main",\n      "instances": [{ "attributes": { "endpoint": "34.90.12.7", "master_auth": [{ "client_certificate": "", "client_key": "", "cluster_ca_certificate": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t«b200»" }], "self_link": "https://container.googleapis.com/v1/projects/acme/locations/europe-west4/clusters/main" }, "sensitive_attributes": [[{ "type": "get_attr", "value": "master_auth" }]] }]\n    }\n  ]\n}\n`],
    ["infra/outputs.json", `{\n  "cdn_domain": { "sensitive": false, "type": "string", "value": "d«a13».cloudfront.net" },\n  "db_password": { "sensitive": true, "type": "string", "value": null },\n  "kms_key_id": { "sensitive": false, "type": "string", "value": "${uuid}" }\n}\n`],
  ],
  "k8s-references": [
    ["k8s/apps/worker.yaml", `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: registry.acme.io/worker:4.12.0\n          envFrom:\n            - secretRef:\n                name: worker-env\n          env:\n            - name: OPENAI_API_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: llm-keys\n                  key: openai\n`],
    ["k8s/external-secrets/db.yaml", `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\nspec:\n  secretStoreRef:\n    name: aws-sm\n    kind: ClusterSecretStore\n  target:\n    name: db-credentials\n  data:\n    - secretKey: password\n      remoteRef:\n        key: prod/db\n        property: password\n`],
    ["k8s/csi/secret-provider.yaml", `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: vault-api\nspec:\n  provider: vault\n  parameters:\n    roleName: api\n    objects: |\n      - objectName: "stripe-secret-key"\n        secretPath: "secret/data/api"\n        secretKey: "stripe_secret_key"\n`],
    ["k8s/apps/vault-agent.yaml", `metadata:\n  annotations:\n    vault.hashicorp.com/agent-inject: "true"\n    vault.hashicorp.com/role: "api"\n    vault.hashicorp.com/agent-inject-secret-db: "database/creds/api"\n    vault.hashicorp.com/agent-inject-template-db: |\n      {{- with secret "database/creds/api" -}}\n      postgres://{{ .Data.username }}:{{ .Data.password }}@db:5432/app\n      {{- end }}\n`],
    ["helm/acme/templates/deployment.yaml", `env:\n  - name: API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: {{ include "acme.fullname" . }}\n        key: api-key\n  - name: DB_PASSWORD\n    value: {{ .Values.db.password | quote }}\n`],
    ["k8s/sa/token-projection.yaml", `volumes:\n  - name: token\n    projected:\n      sources:\n        - serviceAccountToken:\n            path: token\n            expirationSeconds: 3600\n            audience: vault\nimagePullSecrets:\n  - name: regcred\n`],
    ["k8s/apps/secret-template.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-env\n  annotations:\n    avp.kubernetes.io/path: "secret/data/api"\ntype: Opaque\nstringData:\n  STRIPE_SECRET_KEY: <stripe_secret_key>\n  DB_PASSWORD: <db_password>\n`],
    ["kustomize/base/kustomization.yaml", `resources:\n  - deployment.yaml\nsecretGenerator:\n  - name: api-env\n    envs:\n      - secrets.env\n    options:\n      disableNameSuffixHash: true\n`],
    ["k8s/cert-manager/certificate.yaml", `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: api-tls\nspec:\n  secretName: api-tls\n  privateKey:\n    algorithm: ECDSA\n    size: 256\n    rotationPolicy: Always\n  issuerRef:\n    name: letsencrypt\n    kind: ClusterIssuer\n`],
    ["argocd/app.yaml", `spec:\n  source:\n    plugin:\n      env:\n        - name: AVP_SECRET\n          value: argocd-vault-plugin-credentials\n    helm:\n      parameters:\n        - name: db.passwordSecret\n          value: api-db\n`],
  ],
  "ci-references": [
    [".github/workflows/deploy-prod.yml", `name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - uses: actions/checkout@v4\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/gha-deploy\n          aws-region: eu-west-1\n      - run: ./deploy.sh\n        env:\n          STRIPE_SECRET_KEY: \${{ secrets.STRIPE_SECRET_KEY }}\n          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}\n          GITHUB_TOKEN: \${{ github.token }}\n`],
    [".gitlab-ci.yml", `stages: [build, release]\nrelease:\n  stage: release\n  image: node:20\n  script:\n    - echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc\n    - npm publish\n    - 'curl --header "JOB-TOKEN: $CI_JOB_TOKEN" --upload-file pkg.tgz "$CI_API_V4_URL/projects/$CI_PROJECT_ID/packages/generic/acme/1.0/pkg.tgz"'\n`],
    ["azure-pipelines/release.yml", `variables:\n  - group: prod-secrets\nsteps:\n  - script: ./release.sh\n    env:\n      API_KEY: $(ApiKey)\n      DB_PASSWORD: $(DbPassword)\n  - task: AzureKeyVault@2\n    inputs:\n      KeyVaultName: acme-kv\n      SecretsFilter: "*"\n`],
    ["Jenkinsfile.release", `pipeline {\n  agent any\n  environment {\n    DOCKERHUB = credentials('dockerhub-acme')\n    SONAR_TOKEN = credentials('sonar-token')\n  }\n  stages {\n    stage('push') {\n      steps {\n        sh 'echo $DOCKERHUB_PSW | docker login -u $DOCKERHUB_USR --password-stdin'\n      }\n    }\n  }\n}\n`],
    [".drone.yml", `kind: pipeline\nname: default\nsteps:\n  - name: publish\n    image: plugins/docker\n    settings:\n      username: acmebot\n      password:\n        from_secret: docker_password\n`],
    ["bitbucket-pipelines.yml", `pipelines:\n  branches:\n    main:\n      - step:\n          script:\n            - pipe: atlassian/aws-s3-deploy:1.1.0\n              variables:\n                AWS_ACCESS_KEY_ID: $AWS_ACCESS_KEY_ID\n                AWS_SECRET_ACCESS_KEY: $AWS_SECRET_ACCESS_KEY\n                S3_BUCKET: acme-site\n`],
    [".circleci/release.yml", `version: 2.1\nworkflows:\n  release:\n    jobs:\n      - publish:\n          context:\n            - npm-publish\n            - slack-secrets\n`],
    ["cloudbuild.yaml", `steps:\n  - name: gcr.io/cloud-builders/docker\n    entrypoint: bash\n    args: ["-c", "docker login -u _json_key -p \\"$$SA_KEY\\" https://europe-docker.pkg.dev"]\n    secretEnv: ["SA_KEY"]\navailableSecrets:\n  secretManager:\n    - versionName: projects/acme/secrets/ci-sa-key/versions/latest\n      env: SA_KEY\n`],
    [".github/workflows/codeql.yml", `name: codeql\non: [pull_request]\npermissions:\n  contents: read\n  security-events: write\njobs:\n  analyze:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: github/codeql-action/init@v3\n        with:\n          token: \${{ secrets.GITHUB_TOKEN }}\n`],
    ["buildspec.yml", `version: 0.2\nenv:\n  secrets-manager:\n    NPM_TOKEN: prod/npm:token\n  parameter-store:\n    DB_PASSWORD: /acme/prod/db_password\nphases:\n  build:\n    commands:\n      - npm ci && npm run build\n`],
  ],
  "format-docs": [
    ["docs/keys-explained.md", `# API keys\n\nOpenAI keys start with \`sk-\` followed by 48 characters (project keys: \`sk-proj-\`). GitHub's classic tokens are \`ghp_\` and 36 base62 characters; fine-grained ones start with \`github_pat_\`.\n`],
    ["SECURITY.md", `# Security\n\nIf you leak a key, revoke it first. Our scanners look for:\n\n| vendor | prefix | length |\n| --- | --- | --- |\n| Stripe | \`sk_live_\` | 24+ |\n| Slack | \`xoxb-\` | varies |\n| AWS | \`AKIA\` | 20 |\n`],
    [".gitleaks.toml", `[extend]\nuseDefault = true\n\n[[rules]]\nid = "acme-pat"\ndescription = "Acme personal access token"\nregex = '''acme_pat_[A-Za-z0-9]{31}'''\nkeywords = ["acme_pat_"]\n\n[allowlist]\npaths = ['''test/fixtures/.*''']\n`],
    ["docs/secret-scanning.md", `# Secret scanning\n\nThe push is blocked when a commit adds something like \`AKIA\` + 16 upper-case characters, \`-----BEGIN RSA PRIVATE KEY-----\`, or \`xox[baprs]-\` tokens.\n`],
    ["src/detect/patterns.py", `PATTERNS = {\n    "aws_access_key_id": r"\\b(AKIA|ASIA)[0-9A-Z]{16}\\b",\n    "slack_token": r"xox[abposr]-[0-9A-Za-z-]{10,}",\n    "private_key": r"-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----",\n}\n`],
    ["docs/faq-tokens.md", `## Why does my token start with \`glpat-\`?\n\nGitLab adds the prefix to personal access tokens so scanners can find them. The rest is 20 characters.\n`],
    ["docs/onboarding/ssh.md", `# SSH\n\nGenerate a key with \`ssh-keygen -t ed25519\`. Your private key begins with \`-----BEGIN OPENSSH PRIVATE KEY-----\`; never paste it anywhere. Share the \`.pub\` file only.\n`],
    [".secrets.baseline", `{\n  "version": "1.5.0",\n  "plugins_used": [{ "name": "AWSKeyDetector" }, { "name": "Base64HighEntropyString", "limit": 4.5 }],\n  "results": {\n    "tests/fixtures/config.json": [{ "type": "Secret Keyword", "hashed_secret": "«h40»", "is_verified": false, "line_number": 4 }]\n  }\n}\n`],
    ["docs/jwt-format.md", `A JWT is three base64url parts separated by dots: \`header.payload.signature\`, e.g. \`eyJhbGciOi...\` for the header. Ours expire after 15 minutes.\n`],
    ["docs/connection-strings.md", `# Connection strings\n\nUse \`postgres://USER:PASSWORD@HOST:5432/DB\`. Put the password in \`PGPASSWORD\` instead of the URL where you can.\n`],
  ],
  "password-hash": [
    ["db/seeds/dev_users.sql", `INSERT INTO users (email, password_hash) VALUES\n  ('dev@acme.io', '$2b$12$«u53»'),\n  ('qa@acme.io', '$2b$12$«u53»');\n`],
    ["tests/fixtures/users.yaml", `- email: ana@example.com\n  password_digest: "$argon2id$v=19$m=65536,t=3,p=4$«b22»$«b43»"\n`],
    ["config/grafana-users.csv", `login,email,password_hash\nviewer,viewer@acme.io,$pbkdf2-sha256$29000$«u22»$«u43»\n`],
    ["docs/password-storage.md", `We store passwords as bcrypt hashes, e.g. \`$2a$10$N9qo8uLOickgx2ZMRZoMye\` followed by the 31-character hash. A hash is not a password.\n`],
  ],
  "random-non-secret": [
    ["tests/seeds.py", `RANDOM_SEED = 0x«h16»\nFAKER_SEED = «d10»\n`],
    ["web/public/sw-version.json", `{"version":"4.12.0","build":"«h40»","cacheKey":"acme-«h16»"}\n`],
    ["ipfs/pins.txt", `bafybei«q52» site\nbafybei«q52» docs\n`],
    ["nginx/csp.conf", `add_header Content-Security-Policy "script-src 'self' 'sha256-«b43»=' 'sha256-«b43»='";\n`],
    ["config/cache-busting.yml", `assets:\n  app_js: app.«h20».js\n  app_css: app.«h20».css\n  fingerprint: «h32»\n`],
    ["tests/golden/hashes.json", `{"empty_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","fixture_sha1":"«h40»"}\n`],
    ["docs/releases.md", `| version | commit | image digest |\n| --- | --- | --- |\n| 4.12.0 | «h40» | sha256:«h64» |\n| 4.11.3 | «h40» | sha256:«h64» |\n`],
    ["src/color-palette.ts", `export const palette = ["#«h6»", "#«h6»", "#«h6»", "#«h6»"];\nexport const gradientId = "grad-«u12»";\n`],
  ],
});

// ---------------------------------------------------------------------------
// The second batch of look-alikes, written after the first batch scored (only its overall numbers were seen: no
// file's finding was read) and still before any rule was read: the shapes other scanners' issues report as false
// alarms that the first batch had few of. Published test keys, public client ids, paging and CSRF tokens, tools'
// masked outputs, stock local defaults, paths to secrets, signatures and attestations, base64 that is a certificate.

Object.assign(EXAMPLES, {
  // Google's reCAPTCHA v2 test keys (developers.google.com/recaptcha/docs/faq).
  "recaptcha-site": ["6LeIxAcTAAAAAJcZVRqyHh71", "UMIEGNQ_MXjiZKhI"],
  "recaptcha-secret": ["6LeIxAcTAAAAAGG-vFI1TnRW", "xMZNFuojJ4WifJWe"],
  // Cloudflare Turnstile's dummy keys (developers.cloudflare.com/turnstile/reference/testing).
  "turnstile-site": ["1x0000000000", "0000000000AA"],
  "turnstile-secret": ["1x0000000000000000", "000000000000000AA"],
  // The base32 secret of Google Authenticator's key-URI example.
  "totp-doc": ["JBSWY3DP", "EHPK3PXP"],
  // BIP-39's first English test vector (all-zero entropy).
  "bip39-zero": ["abandon abandon abandon abandon abandon abandon ", "abandon abandon abandon abandon abandon about"],
});

const b64cert = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM«b300»";

const CLEAN2 = {
  "documented-example": [
    ["web/src/captcha.tsx", `// Google's test keys: the widget always passes (local and CI only).\nconst SITE_KEY = process.env.NODE_ENV === "production" ? window.__CONFIG__.recaptchaSiteKey : "«ex:recaptcha-site»";\nexport const Captcha = () => <ReCAPTCHA sitekey={SITE_KEY} />;\n`],
    ["config/settings/test.py", `from .base import *  # noqa\n\n# Google's documented reCAPTCHA test keys: every check passes.\nRECAPTCHA_PUBLIC_KEY = "«ex:recaptcha-site»"\nRECAPTCHA_PRIVATE_KEY = "«ex:recaptcha-secret»"\nSILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]\n`],
    ["worker/wrangler.test.toml", `name = "forms-test"\n\n[vars]\n# Cloudflare's dummy Turnstile keys: always pass\nTURNSTILE_SITE_KEY = "«ex:turnstile-site»"\nTURNSTILE_SECRET_KEY = "«ex:turnstile-secret»"\n`],
    ["e2e/turnstile.spec.ts", `test.use({ extraHTTPHeaders: {} });\n// Cloudflare documents 1x…AA as the always-pass secret for server-side tests.\nprocess.env.TURNSTILE_SECRET = "«ex:turnstile-secret»";\n`],
    ["docs/2fa.md", `# Two-factor codes\n\nAn authenticator app reads a key URI such as\n\n    otpauth://totp/Example:alice@google.com?secret=«ex:totp-doc»&issuer=Example\n\n(the example from Google Authenticator's key-URI format page).\n`],
    ["tests/test_totp.py", `import pyotp\n\nSECRET = "«ex:totp-doc»"  # the key-URI format page's example\n\n\ndef test_code_length():\n    assert len(pyotp.TOTP(SECRET).now()) == 6\n`],
    ["packages/wallet/test/mnemonic.test.ts", `// BIP-39 test vector 1 (entropy 00000000000000000000000000000000)\nconst MNEMONIC = "«ex:bip39-zero»";\n\nit("derives the first address", () => {\n  expect(deriveAddress(MNEMONIC, 0)).toMatch(/^0x/);\n});\n`],
    ["docs/local-aws.md", `# LocalStack\n\nAny key works against LocalStack; we use AWS's documented example pair so nothing real is ever pasted:\n\n    aws configure set aws_access_key_id «ex:aws-id» --profile localstack\n    aws configure set aws_secret_access_key «ex:aws-secret» --profile localstack\n`],
  ],
  "public-client-ids": [
    [".env", `NODE_ENV=production\nGOOGLE_CLIENT_ID=«d12»-«a32».apps.googleusercontent.com\nAUTH0_CLIENT_ID=«A32»\nAZURE_TENANT_ID=${uuid}\nAZURE_CLIENT_ID=${uuid}\nGITHUB_APP_ID=«d6»\n`],
    ["ios/App/Info.plist", `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n  <key>CFBundleURLTypes</key>\n  <array><dict><key>CFBundleURLSchemes</key><array><string>com.googleusercontent.apps.«d12»-«a32»</string></array></dict></array>\n  <key>GIDClientID</key>\n  <string>«d12»-«a32».apps.googleusercontent.com</string>\n</dict>\n</plist>\n`],
    ["web/src/analytics.ts", `import mixpanel from "mixpanel-browser";\nimport { LDProvider } from "launchdarkly-react-client-sdk";\n\n// Project tokens and client-side ids are public: they ship in the bundle.\nmixpanel.init("«h32»");\nexport const ldClientSideId = "«h24»";\nexport const gaMeasurementId = "G-«U10»";\n`],
    ["web/src/pusher.js", `import Pusher from "pusher-js";\n\nexport const pusher = new Pusher("«h20»", { cluster: "eu" });\n`],
    ["config/oauth-apps.yaml", `github:\n  client_id: Iv1.«h16»\n  callback: https://acme.dev/auth/github/callback\nslack:\n  client_id: "«d13».«d13»"\ngoogle:\n  client_id: «d12»-«a32».apps.googleusercontent.com\n`],
    ["web/src/firebase-config.ts", `export const firebaseConfig = {\n  authDomain: "acme-prod.firebaseapp.com",\n  projectId: "acme-prod",\n  storageBucket: "acme-prod.appspot.com",\n  messagingSenderId: "«d12»",\n  appId: "1:«d12»:web:«h22»",\n  measurementId: "G-«U10»",\n};\n`],
    ["app.config.ts", `export default {\n  expo: {\n    slug: "acme",\n    extra: { eas: { projectId: "${uuid}" } },\n    updates: { url: "https://u.expo.dev/${uuid}" },\n  },\n};\n`],
    ["infra/azure/params.prod.json", `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "parameters": {\n    "subscriptionId": { "value": "${uuid}" },\n    "tenantId": { "value": "${uuid}" },\n    "principalObjectId": { "value": "${uuid}" }\n  }\n}\n`],
    ["web/src/intercom.ts", `window.intercomSettings = { api_base: "https://api-iam.intercom.io", app_id: "«a8»" };\nexport const segmentWriteKeyIsPublic = true;\n`],
    ["config/aws-ids.yaml", `account_id: "«d12»"\nvpc_id: vpc-«h17»\nami: ami-«h17»\nsecurity_group: sg-«h17»\nkms_key_id: ${uuid}\nhosted_zone: Z«U13»\n`],
  ],
  "paging-csrf-state": [
    ["tests/fixtures/drive_list.json", `{\n  "kind": "drive#fileList",\n  "nextPageToken": "«u120»",\n  "files": [{ "id": "«u33»", "name": "report.pdf" }]\n}\n`],
    ["tests/fixtures/s3_list.xml", `<ListBucketResult>\n  <Name>acme-exports</Name>\n  <IsTruncated>true</IsTruncated>\n  <NextContinuationToken>«b96»=</NextContinuationToken>\n</ListBucketResult>\n`],
    ["tests/fixtures/saved_login_page.html", `<form action="/session" method="post">\n  <input type="hidden" name="authenticity_token" value="«b86»==" autocomplete="off">\n  <input type="email" name="email">\n  <input type="password" name="password">\n</form>\n`],
    ["logs/oauth-callback.log", `2026-11-09T10:00:00Z INFO GET /auth/callback?code=«u43»&state=eyJyZXR1cm5UbyI6Ii9kYXNoYm9hcmQifQ 302\n2026-11-09T10:00:00Z INFO exchanged code for session user=4812\n`],
    ["tests/fixtures/calendar_sync.json", `{"kind":"calendar#events","nextSyncToken":"«u40»=","etag":"\\"«d16»\\"","items":[]}\n`],
    ["tests/fixtures/dynamodb_scan.json", `{"Count":25,"LastEvaluatedKey":{"pk":{"S":"ORDER#«U26»"},"sk":{"S":"ITEM#0001"}},"ScannedCount":25}\n`],
    ["tests/fixtures/k8s_list.json", `{"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"«d9»","continue":"«u160»"},"items":[]}\n`],
    ["src/web/csp_nonce_test.rb", `it "renders the nonce" do\n  get "/"\n  expect(response.body).to include('nonce="«b22»=="')\nend\n`],
    ["tests/fixtures/graphql_page.json", `{"data":{"orders":{"pageInfo":{"hasNextPage":true,"endCursor":"«b60»"},"edges":[]}}}\n`],
  ],
  "tool-output-masked": [
    ["docs/debug/aws-configure-list.txt", `      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                     prod           manual    --profile\naccess_key     ****************«U4» shared-credentials-file\nsecret_key     ****************«A4» shared-credentials-file\n    region                eu-west-1      config-file    ~/.aws/config\n`],
    ["docs/debug/gh-auth-status.txt", `github.com\n  ✓ Logged in to github.com account acme-bot (keyring)\n  - Active account: true\n  - Git operations protocol: https\n  - Token: gho_************************************\n  - Token scopes: 'gist', 'read:org', 'repo'\n`],
    ["logs/actions-run-4411.log", `2026-11-09T10:00:00.1Z ##[group]Run ./deploy.sh\n2026-11-09T10:00:00.1Z env:\n2026-11-09T10:00:00.1Z   STRIPE_SECRET_KEY: ***\n2026-11-09T10:00:00.1Z   GITHUB_TOKEN: ***\n2026-11-09T10:00:00.2Z ##[endgroup]\n`],
    ["docs/debug/kubectl-describe-secret.txt", `Name:         api-env\nNamespace:    prod\nType:         Opaque\n\nData\n====\nDB_PASSWORD:        24 bytes\nSTRIPE_SECRET_KEY:  107 bytes\nOPENAI_API_KEY:     164 bytes\n`],
    ["docs/debug/vault-token-lookup.txt", `Key                 Value\n---                 -----\naccessor            «A24»\ncreation_time       1731400000\ndisplay_name        github-acme-bot\nentity_id           ${uuid}\nexpire_time         2026-11-10T10:00:00Z\npolicies            [default deploy]\nttl                 23h59m\n`],
    ["docs/debug/terraform-output.txt", `cdn_domain = "d«a13».cloudfront.net"\ndb_endpoint = "acme-prod.«a12».eu-west-1.rds.amazonaws.com"\ndb_password = <sensitive>\nredis_auth_token = <sensitive>\n`],
    ["docs/debug/gpg-list-secret-keys.txt", `sec   ed25519 2026-01-10 [SC] [expires: 2028-01-10]\n      «H40»\nuid           [ultimate] Acme Release <release@acme.io>\nssb   cv25519 2026-01-10 [E]\n`],
    ["logs/rails-production.log", `Started POST "/session" for 203.0.113.7\nProcessing by SessionsController#create as HTML\n  Parameters: {"authenticity_token"=>"[FILTERED]", "email"=>"ana@example.com", "password"=>"[FILTERED]"}\nRedirected to https://acme.dev/\n`],
    ["docs/debug/aws-sts.json", `{\n    "UserId": "AIDA«U17»",\n    "Account": "«d12»",\n    "Arn": "arn:aws:iam::«d12»:user/ci-deployer"\n}\n`],
    ["docs/debug/ssh-keygen-fingerprints.txt", `256 SHA256:«b43» deploy@acme (ED25519)\n3072 SHA256:«b43» ops@acme (RSA)\n`],
  ],
  "stock-local-defaults": [
    ["compose.local.yaml", `services:\n  minio:\n    image: minio/minio\n    environment:\n      MINIO_ROOT_USER: minioadmin\n      MINIO_ROOT_PASSWORD: minioadmin\n  rabbit:\n    image: rabbitmq:3-management\n    environment:\n      RABBITMQ_DEFAULT_USER: guest\n      RABBITMQ_DEFAULT_PASS: guest\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: postgres\n`],
    ["localstack/compose.yaml", `services:\n  app:\n    environment:\n      AWS_ACCESS_KEY_ID: test\n      AWS_SECRET_ACCESS_KEY: test\n      AWS_ENDPOINT_URL: http://localstack:4566\n`],
    ["dev/elastic.yml", `xpack.security.enabled: false\n# the image's default superuser for local runs\nelasticsearch.username: elastic\nelasticsearch.password: changeme\n`],
    ["dev/pgadmin.env.example", `PGADMIN_DEFAULT_EMAIL=admin@example.com\nPGADMIN_DEFAULT_PASSWORD=admin\n`],
    ["docs/security/passwords.md", `# Password rules\n\nDo not use passwords that appear in breach lists, such as \`Password123!\` or \`Summer2024!\`; the sign-up form rejects them.\n`],
    ["dev/redis.conf", `bind 127.0.0.1\nport 6379\n# requirepass foobared\nmaxmemory 256mb\n`],
    ["dev/keycloak.yaml", `services:\n  keycloak:\n    image: quay.io/keycloak/keycloak:26.0\n    command: start-dev\n    environment:\n      KC_BOOTSTRAP_ADMIN_USERNAME: admin\n      KC_BOOTSTRAP_ADMIN_PASSWORD: admin\n`],
    ["dev/mssql.compose.yaml", `services:\n  sql:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n    environment:\n      ACCEPT_EULA: "Y"\n      MSSQL_SA_PASSWORD: "\${SA_PASSWORD:-yourStrong(!)Password}"\n`],
  ],
  "paths-to-secrets": [
    ["compose.secrets.yaml", `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password\n    secrets:\n      - postgres_password\nsecrets:\n  postgres_password:\n    file: ./secrets/postgres_password.txt\n`],
    ["config/tls.yaml", `tls:\n  cert_file: /etc/acme/tls/server.crt\n  key_file: /etc/acme/tls/server.key\n  client_ca_file: /etc/acme/tls/ca.crt\n`],
    [".env.production.paths", `SSH_PRIVATE_KEY_PATH=/home/deploy/.ssh/id_ed25519\nJWT_PRIVATE_KEY_PATH=/etc/acme/jwt/private.pem\nKEYSTORE_PASSWORD_FILE=/run/secrets/keystore_password\n`],
    ["ansible/roles/web/tasks/main.yml", `- name: install the TLS key\n  copy:\n    src: "{{ vault_tls_key_path }}"\n    dest: /etc/nginx/tls/server.key\n    mode: "0600"\n  no_log: true\n`],
    ["nginx/ssl.conf", `ssl_certificate     /etc/letsencrypt/live/acme.dev/fullchain.pem;\nssl_certificate_key /etc/letsencrypt/live/acme.dev/privkey.pem;\nssl_password_file   /etc/nginx/ssl_passwords.txt;\n`],
    ["src/main/resources/application-tls.yml", `server:\n  ssl:\n    key-store: classpath:keystore.p12\n    key-store-password: \${KEYSTORE_PASSWORD}\n    key-alias: acme\n`],
  ],
  "signatures-attestations": [
    ["dist-meta/latest.yml", `version: 4.12.0\nfiles:\n  - url: Acme-Setup-4.12.0.exe\n    sha512: «b86»==\n    size: 91234567\npath: Acme-Setup-4.12.0.exe\nsha512: «b86»==\nreleaseDate: '2026-11-02T12:00:00.000Z'\n`],
    ["src-tauri/tauri.conf.json", `{\n  "plugins": {\n    "updater": {\n      "pubkey": "dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk6«b60»",\n      "endpoints": ["https://releases.acme.dev/{{target}}/{{current_version}}"]\n    }\n  }\n}\n`],
    ["release/acme.intoto.jsonl", `{"payloadType":"application/vnd.in-toto+json","payload":"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjAuMSIs«b400»","signatures":[{"keyid":"","sig":"MEUCIQ«b90»"}]}\n`],
    ["release/cosign.pub", `-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE«b48»\n«b40»==\n-----END PUBLIC KEY-----\n`],
    ["release/acme-4.12.0.tar.gz.minisig", `untrusted comment: signature from minisign secret key\nRUQ«b96»==\ntrusted comment: timestamp:1731400000\tfile:acme-4.12.0.tar.gz\n«b86»==\n`],
    ["sbom/bom.cdx.json", `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"zod","version":"3.23.8","hashes":[{"alg":"SHA-512","content":"«h128»"}]}]}\n`],
    ["webauthn/fixtures/registration.json", `{\n  "id": "«u43»",\n  "rawId": "«u43»",\n  "response": {\n    "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIi«u100»",\n    "attestationObject": "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVi«u200»"\n  },\n  "type": "public-key"\n}\n`],
    ["assets/lfs/model.bin", `version https://git-lfs.github.com/spec/v1\noid sha256:«h64»\nsize 481337\n`],
  ],
  "base64-certificates": [
    ["k8s/webhooks/validating.yaml", `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: policy\nwebhooks:\n  - name: policy.acme.io\n    clientConfig:\n      service:\n        name: policy\n        namespace: kube-system\n      caBundle: ${b64cert}\n`],
    ["kubeconfig.eks.yaml", `apiVersion: v1\nkind: Config\nclusters:\n  - name: prod\n    cluster:\n      server: https://«H32».gr7.eu-west-1.eks.amazonaws.com\n      certificate-authority-data: ${b64cert}\nusers:\n  - name: ci\n    user:\n      exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: aws\n        args: ["eks", "get-token", "--cluster-name", "prod"]\n`],
    ["saml/idp-metadata.xml", `<EntityDescriptor entityID="https://idp.acme.io/saml">\n  <IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n    <KeyDescriptor use="signing">\n      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">\n        <ds:X509Data>\n          <ds:X509Certificate>\n            MIIDpDCCAoygAwIBAgIGAY«b300»\n          </ds:X509Certificate>\n        </ds:X509Data>\n      </ds:KeyInfo>\n    </KeyDescriptor>\n  </IDPSSODescriptor>\n</EntityDescriptor>\n`],
    ["k8s/configmaps/trust.yaml", `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: trust-bundle\nbinaryData:\n  ca-bundle.crt: ${b64cert}\n`],
    ["infra/acm.tf", `resource "aws_acm_certificate" "imported" {\n  certificate_body  = base64decode("${b64cert}")\n  private_key       = data.aws_secretsmanager_secret_version.tls_key.secret_string\n  certificate_chain = file("chain.pem")\n}\n`],
    ["config/apns.json", `{\n  "topic": "io.acme.app",\n  "teamId": "«U10»",\n  "keyId": "«U10»",\n  "keyPath": "/run/secrets/apns.p8",\n  "caCert": "${b64cert}"\n}\n`],
  ],
  "pulumi-and-iac-secrets": [
    ["Pulumi.prod.yaml", `config:\n  aws:region: eu-west-1\n  acme:dbPassword:\n    secure: v1:«b24»:«b100»\n  acme:stripeKey:\n    secure: v1:«b24»:«b120»\n`],
    ["infra/db.tf", `resource "random_password" "db" {\n  length  = 32\n  special = true\n}\n\nresource "aws_secretsmanager_secret_version" "db" {\n  secret_id     = aws_secretsmanager_secret.db.id\n  secret_string = random_password.db.result\n}\n\nvariable "api_key" {\n  type      = string\n  sensitive = true\n}\n`],
    ["cdk/lib/stack.ts", `const dbSecret = new secretsmanager.Secret(this, "DbSecret", {\n  generateSecretString: { secretStringTemplate: JSON.stringify({ username: "app" }), generateStringKey: "password", excludePunctuation: true },\n});\nconst apiKey = ssm.StringParameter.valueForStringParameter(this, "/acme/prod/api-key");\n`],
    ["cloudformation/params.yaml", `Parameters:\n  DbPassword:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /acme/prod/db-password\n    NoEcho: true\n  ApiKeyArn:\n    Type: String\n    Default: arn:aws:secretsmanager:eu-west-1:«d12»:secret:prod/api-«A6»\n`],
    ["bicep/main.bicep", `@secure()\nparam sqlAdminPassword string\n\nresource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'acme-kv'\n}\n\nvar apiKey = kv.getSecret('vendor-api-key')\n`],
  ],
};

// ---------------------------------------------------------------------------
// Building the corpus.

const pad = (n) => String(n).padStart(3, "0");
const pick = (r, list) => list[Math.floor(r() * list.length)];
const crlf = (s) => s.replace(/\r?\n/g, "\r\n");
const pathOf = (place) => place("N", "v")[0];
/** A kind whose value has no fixed start of its own (a bare hex, base62 or UUID string): never placed where no name says what it is. */
const bare = (k) => /^«/.test(k.value);
const NAMELESS = new Set(["notes/2026-11-standup.txt"]);

function placementsFor(k) {
  switch (k.fam) {
    case "token":
      return TOKEN.filter((f) => !(bare(k) && NAMELESS.has(pathOf(f))));
    case "url":
      // Not a committed .env: there a name ending in _URL is public by policy.
      return URLS.concat(TOKEN.filter((f, i) => i % 4 === 0 && !/(^|\/)\.env(\.[a-z]+)?$/.test(pathOf(f)) && !NAMELESS.has(pathOf(f))));
    case "pw":
      return PW;
    case "header":
      return HEADER.map((f) => (n, v) => f(v));
    case "basic":
      return BASIC.map((f) => (n, v) => f(v));
    case "pem":
      return PEM_PLACES.map((f) => (n) => f(n));
    case "aws":
      return AWS_PLACES.map((f) => (n, v) => f(v));
    case "ali":
      return ALI_PLACES.map((f) => (n, v) => f(v));
    case "gcp":
      return GCP_PLACES.map((f) => () => f());
    default:
      throw new Error(`no placements for ${k.kind}`);
  }
}

/** The value a kind's placement takes, marked so its lines can be found. */
function markedValue(k, i) {
  if (k.fam === "aws") return { id: `\uE000${i}\uE001AKIA«U16»`, secret: "«A18»/«b21»\uE002" };
  if (k.fam === "ali") return { id: `\uE000${i}\uE001LTAI«A20»`, secret: "«A30»\uE002" };
  if (k.fam === "pem" || k.fam === "gcp") return "";
  return mark(i, k.value);
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
    const through = before + strip(m[2]);
    const line = expandLabeled4File(path, before).split("\n").length;
    const endLine = expandLabeled4File(path, through).split("\n").length;
    spans.push({ index: Number(m[1]), line, endLine });
  }
  return { content, spans: spans.sort((a, b) => a.index - b.index) };
}

const markBlock = (body) => body.replace(/-----BEGIN [A-Z ]*PRIVATE KEY[A-Z ]*-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY[A-Z ]*-----/, (block) => mark(0, block));

export function buildCorpus() {
  const r = prng("labeled4-corpus-v1");
  const files = [];
  let n = 0;
  const addSecret = (file, body, kinds, kindOfFile) => {
    if (r() < 0.08) body = crlf(body);
    const id = `s${pad(++n)}`;
    const path = `${id}/${file}`;
    const { content, spans } = resolveMarks(path, body);
    if (spans.length !== kinds.length) throw new Error(`${path}: ${spans.length} marks for ${kinds.length} secrets`);
    files.push({ id, path, content, label: "secret", kind: kindOfFile, secrets: spans.map((s) => ({ kind: kinds[s.index].kind, line: s.line, endLine: s.endLine })), half: halfOf(id) });
  };
  // One secret a file: about 263 files over the kinds, each kind in different placements.
  const perKind = 263 / KINDS.length;
  let budget = 0;
  let pwName = 0;
  for (const k of KINDS) {
    budget += perKind;
    const places = placementsFor(k);
    const used = new Set();
    while (n < Math.round(budget)) {
      let p = pick(r, places);
      for (let t = 0; t < 8 && used.has(p); t++) p = pick(r, places);
      used.add(p);
      const name = k.fam === "pw" ? PW_NAMES[pwName++ % PW_NAMES.length] : k.name;
      let [file, body] = p(name, markedValue(k, 0));
      if (k.fam === "pem" || k.fam === "gcp") body = markBlock(body);
      addSecret(file, body, [k], k.kind);
    }
  }
  // Several secrets a file.
  const tokenKinds = KINDS.filter((k) => k.fam === "token");
  for (let round = 0; round < 2; round++) {
    for (const make of GENERIC_MULTI) {
      const count = 2 + Math.floor(r() * 3);
      const kinds = [];
      while (kinds.length < count) {
        const k = pick(r, tokenKinds);
        if (!kinds.includes(k)) kinds.push(k);
      }
      const [file, body] = make(kinds.map((k, i) => [k.name, mark(i, k.value)]));
      addSecret(round ? `services/billing/${file}` : file, body, kinds, "multiple");
    }
  }
  const byKind = new Map(KINDS.map((k) => [k.kind, k]));
  for (const mf of NAMED_MULTI) {
    const kinds = mf.kinds.map((name) => byKind.get(name));
    const values = kinds.map((k, i) => (k.fam === "pem" ? mark(i, pem(k.name)) : mark(i, k.value)));
    const [file, body] = mf.make(values);
    addSecret(file, body, kinds, "multiple");
  }

  // Look-alikes: stand-ins in the secrets' own placements, then whole files by class.
  let m = 0;
  const addClean = (file, text, cls) => {
    const id = `c${pad(++m)}`;
    const body = r() < 0.08 ? crlf(text) : text;
    files.push({ id, path: `${id}/${file}`, content: body, label: "clean", kind: cls, half: halfOf(id), batch: cleanBatch });
  };
  let cleanBatch = 1;
  // Never a .env.local or .envrc (every value there counts by policy) nor a placement with no name.
  const places = TOKEN.filter((f) => !/(^|\/)\.env\.local$|(^|\/)\.envrc$/.test(pathOf(f)) && !NAMELESS.has(pathOf(f)));
  const names = tokenKinds.map((k) => k.name);
  let turn = 0;
  for (const [cls, value, fits] of STANDINS) {
    const fit = places.filter((f) => !fits || fits.test(pathOf(f)));
    const chosen = new Set();
    while (chosen.size < Math.min(2, fit.length)) chosen.add(pick(r, fit));
    for (const place of chosen) {
      const [file, text] = place(names[turn++ % names.length], value);
      addClean(file, text, cls);
    }
  }
  for (const [cls, list] of Object.entries(CLEAN)) for (const [file, text] of list) addClean(file, text, cls);
  cleanBatch = 2;
  for (const [cls, list] of Object.entries(CLEAN2)) for (const [file, text] of list) addClean(file, text, cls);
  return files;
}

/** The labels manifest for these files. */
export function labelsOf(files) {
  return `${JSON.stringify(
    {
      description:
        "Fourth labeled corpus, written blind, look-alikes to a finer grain (scripts/gen-labeled4.mjs). Files are templates: expandLabeled4File() gives the text scanned; every secret in it is fake. secrets: each secret's kind and lines (line..endLine, 1-based, in the expanded text). kind: the file's kind (secret files: the secret's kind or 'multiple'; look-alikes: their class). half: dev (development) or eval (evaluation, never read for misses). batch: 1 (scored untouched first) or 2 (look-alikes written after batch 1's overall scores, before any rule was read).",
      files: files.map(({ path, label, kind, secrets, half, batch }) => (label === "secret" ? { path, label, kind, secrets, half, batch: 1 } : { path, label, kind, half, batch })),
    },
    null,
    1,
  )}\n`;
}

/** The paths whose committed content differs from what the generator makes (empty: up to date). */
export function staleFiles(dir = LABELED4_DIR) {
  const files = buildCorpus();
  return staleCorpusFiles(dir, files, labelsOf(files));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runCorpusCommand({
    argv: process.argv,
    dir: LABELED4_DIR,
    name: "test/labeled4",
    script: "scripts/gen-labeled4.mjs",
    buildCorpus,
    labelsOf,
    expand: expandLabeled4File,
    summary: (files) => {
      const secrets = files.filter((f) => f.label === "secret");
      const count = secrets.reduce((a, f) => a + f.secrets.length, 0);
      const kinds = new Set(secrets.flatMap((f) => f.secrets.map((s) => s.kind)));
      const classes = new Set(files.filter((f) => f.label === "clean").map((f) => f.kind));
      const types = new Set(files.map((f) => f.path.replace(/^.*\//, "").replace(/^[^.]*(?=\.)/, "")));
      const halves = (label) => ["dev", "eval"].map((h) => files.filter((f) => f.label === label && f.half === h).length).join("/");
      return `test/labeled4: ${secrets.length} files with ${count} secrets (files dev/eval ${halves("secret")}), ${files.length - secrets.length} look-alikes (${halves("clean")}) of ${classes.size} classes, ${kinds.size} kinds, ${types.size} file names`;
    },
  });
}
