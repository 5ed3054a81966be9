// A development corpus of the claimed families backpack is shortest on (Slack, database connection
// strings, generic assignments), written from the vendors' published formats and other scanners'
// public rules (gitleaks' slack.go and generic rules, trufflehog's detectors, Nosey Parker's rules),
// never from Kingfisher's cases (its scores were then the measure of what generalises). Each case is a
// template (test/helpers/fake-secrets.mjs: `«A24»`) placed in the file type it lives in, with a
// look-alike beside it for each class (placeholders, environment lookups, fixtures, documentation
// examples, hashes, UUIDs, public keys, near-miss formats). Scored by
// test/unit/scan-claimed-corpus.test.ts.
import { expandFake } from "./fake-secrets.mjs";

/** A case: its family, label (tp: a secret; fp: a look-alike), file name and text (a template). */
const cases = [];
const tp = (family, file, text) => cases.push({ family, label: "tp", file, text });
const fp = (family, file, text) => cases.push({ family, label: "fp", file, text });

// ---------------------------------------------------------------------------
// Slack: every token kind and webhook form Slack has shipped.

const SLACK_TOKENS = [
  "xoxb-«d12»-«d13»-«A24»", // bot
  "xoxb-«d11»-«d12»-«A24»",
  "xoxp-«d12»-«d12»-«d13»-«h32»", // user
  "xoxp-«d10»-«d11»-«d12»-«h32»",
  "xoxa-2-«d12»-«d12»-«d13»-«h32»", // workspace app (legacy)
  "xoxr-«d12»-«d12»-«A24»", // refresh (legacy)
  "xoxs-«d12»-«d12»-«d12»-«h64»", // session (legacy)
  "xoxo-«d12»-«d12»-«d12»-«h32»", // legacy
  "xoxe.xoxp-1-«U163»", // configuration access token
  "xoxe-1-«U146»", // configuration refresh token
  "xapp-1-A«U10»-«d13»-«h64»", // app-level
  "xoxb-«d13»-«A24»", // legacy bot (two parts)
  "xoxb-«d9»-«A22»",
  "xoxa-«A40»", // legacy workspace token without its version
  "xoxr-1-«A44»",
  "xoxc-«d12»-«d12»-«d13»-«h64»", // browser client token
  "xoxe.xoxb-1-«U166»",
  "xoxp-«d12»-«d12»-«d12»-«A32»",
];
const SLACK_HOOKS = [
  "https://hooks.slack.com/services/T«U8»/B«U8»/«A24»",
  "https://hooks.slack.com/services/T«U10»/B«U10»/«A24»",
  "hooks.slack.com/services/T«U8»/B«U10»/«A24»",
  "https://hooks.slack.com/workflows/T«U10»/A«U10»/«d18»/«A24»",
  "https://hooks.slack.com/triggers/T«U10»/«d13»/«h32»",
  "http://hooks.slack.com/services/T«U8»/B«U8»/«A24»",
  "https://hooks.slack.com/services/T«U11»/B«U11»/«A24»",
  "https://hooks.slack.com/workflows/T«U9»/A«U11»/«d18»/«A32»",
  "hooks.slack.com/triggers/E«U10»/«d13»/«h32»",
];

const placements = (v) => [
  ["config.yaml", `slack:\n  channel: "#deploys"\n  token: ${v}\n`],
  ["notify.py", `import requests\n\nSLACK = "${v}"\nrequests.post("https://slack.com/api/chat.postMessage", headers={"Authorization": f"Bearer {SLACK}"})\n`],
  [".github/workflows/notify.yml", `on: push\njobs:\n  notify:\n    runs-on: ubuntu-latest\n    env:\n      SLACK_TOKEN: ${v}\n    steps:\n      - run: ./notify.sh\n`],
  ["notify.sh", `#!/bin/sh\ncurl -s -H "Authorization: Bearer ${v}" https://slack.com/api/auth.test\n`],
  ["index.js", `const { WebClient } = require("@slack/web-api");\nconst web = new WebClient("${v}");\n`],
  ["README.md", `# Bot\n\nRun it with\n\n    SLACK_BOT=${v} npm start\n`],
  ["settings.json", `{\n  "channel": "alerts",\n  "slack": "${v}"\n}\n`],
  ["notes.txt", `slack for the staging workspace\n${v}\n`],
  ["bot.rb", `client = Slack::Web::Client.new(token: '${v}')\n`],
  ["dump.json", `{"ok":true,"credentials":{"token":"${v}","team":"T«U10»"}}\n`],
];
const hookPlacements = (v) => [
  ["alerts.yaml", `receivers:\n  - name: ops\n    slack_configs:\n      - api_url: ${v}\n        channel: "#ops"\n`],
  ["notify.go", `package notify\n\nconst webhook = "${v}"\n`],
  ["deploy.sh", `#!/bin/sh\ncurl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' ${v}\n`],
  ["Notify.java", `class Notify {\n  static final String URL = "${v}";\n}\n`],
  ["terraform.tfvars", `slack_webhook = "${v}"\n`],
];
SLACK_TOKENS.forEach((t, i) => {
  const p = placements(t);
  tp("slack", p[i % p.length][0], p[i % p.length][1]);
  tp("slack", p[(i + 3) % p.length][0], p[(i + 3) % p.length][1]);
});
SLACK_HOOKS.forEach((h, i) => {
  const p = hookPlacements(h);
  tp("slack", p[i % p.length][0], p[i % p.length][1]);
  tp("slack", p[(i + 2) % p.length][0], p[(i + 2) % p.length][1]);
});
// Look-alikes: placeholders, environment lookups, docs, truncated and masked tokens, other ids.
[
  ["config.yaml", "slack:\n  token: xoxb-your-bot-token\n"],
  ["config.yaml", "slack:\n  token: ${SLACK_BOT_TOKEN}\n"],
  ["README.md", "Set `SLACK_BOT_TOKEN` to your bot token (it starts with `xoxb-`).\n"],
  ["README.md", "Tokens look like `xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX`.\n"],
  ["notify.py", 'import os\nSLACK = os.environ["SLACK_BOT_TOKEN"]\n'],
  ["index.js", "const web = new WebClient(process.env.SLACK_TOKEN);\n"],
  ["alerts.yaml", "receivers:\n  - slack_configs:\n      - api_url: https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX\n"],
  ["alerts.yaml", "receivers:\n  - slack_configs:\n      - api_url_file: /etc/alertmanager/slack_url\n"],
  ["docs.md", "Create an incoming webhook at https://api.slack.com/messaging/webhooks and paste its URL.\n"],
  ["log.txt", "2026-01-02 posted to https://hooks.slack.com/services/T«U8»/B«U8»/**** (redacted)\n"],
  ["channels.json", '{ "channel_id": "C«U10»", "team_id": "T«U10»", "user": "U«U10»" }\n'],
  ["test_slack.py", 'def test_rejects_bad_prefix():\n    assert not is_token("xoxz-not-a-token")\n'],
  ["slack.ts", 'const TOKEN_PREFIXES = ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xapp-"];\n'],
  ["CHANGELOG.md", "- Support Slack's `xoxe.xoxp-` rotating tokens.\n"],
  ["notify.sh", 'curl -H "Authorization: Bearer $SLACK_TOKEN" https://slack.com/api/auth.test\n'],
  ["app.yaml", "slack:\n  signing_secret_env: SLACK_SIGNING_SECRET\n  app_id: A«U10»\n"],
].forEach(([f, t]) => fp("slack", f, t));

// ---------------------------------------------------------------------------
// Database connection strings: every driver's URL, JDBC, SQLAlchemy, ODBC and ADO.NET.

const PW = ["«A16»", "«L8»«d4»", "«A12»!«d2»", "«h12»", "«L5»-«L5»-«d3»", "«A20»", "«A10»%21«A4»", "«L4»«d2»«L3»"];
const URLS = [
  "postgres://app:${p}@db.internal:5432/app",
  "postgresql://billing:${p}@10.0.3.4/billing?sslmode=require",
  "postgresql+psycopg2://svc:${p}@pg.prod.acme.io:5432/orders",
  "postgresql+asyncpg://svc:${p}@pg:5432/orders",
  "mysql://root:${p}@mysql.acme.net:3306/shop",
  "mysql+pymysql://shop:${p}@127.0.0.1/shop",
  "mariadb://app:${p}@maria:3306/app",
  "mongodb://admin:${p}@mongo-0.mongo:27017/admin?replicaSet=rs0",
  "mongodb+srv://reporting:${p}@cluster0.ab1cd.mongodb.net/test?retryWrites=true",
  "redis://:${p}@redis.acme.io:6379/0",
  "rediss://default:${p}@cache.upstash.io:6380",
  "amqp://worker:${p}@rabbit:5672/vhost",
  "amqps://worker:${p}@b-1234.mq.eu-west-1.amazonaws.com:5671",
  "mssql://sa:${p}@sqlserver:1433/master",
  "mssql+pyodbc://sa:${p}@sqlserver/master?driver=ODBC+Driver+17",
  "jdbc:postgresql://db:5432/app?user=app&password=${p}",
  "jdbc:mysql://db:3306/app?user=root&password=${p}&useSSL=false",
  "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=${p};",
  "jdbc:oracle:thin:scott/${p}@//oracle:1521/ORCL",
  "oracle+cx_oracle://scott:${p}@oracle:1521/?service_name=ORCL",
  "cockroachdb://root:${p}@crdb:26257/defaultdb",
  "clickhouse://default:${p}@ch:9000/default",
  "neo4j+s://neo4j:${p}@abc123.databases.neo4j.io",
  "sqlserver://sa:${p}@db:1433?database=app",
];
const CONN = [
  "Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=app;Password=${p};Encrypt=True;",
  "Data Source=sql01;Initial Catalog=Orders;User Id=orders;Password=${p};",
  "Host=pg;Database=app;Username=app;Password=${p}",
  "Driver={ODBC Driver 17 for SQL Server};Server=sql01;Database=app;Uid=app;Pwd=${p};",
  "DRIVER={PostgreSQL Unicode};SERVER=pg;DATABASE=app;UID=app;PWD=${p}",
  "host=pg port=5432 dbname=app user=app password=${p} sslmode=require",
];
const urlPlacements = (v) => [
  [".env", `NODE_ENV=production\nDATABASE_URL=${v}\n`],
  ["settings.py", `DATABASES = {"default": dj_database_url.parse("${v}")}\n`],
  ["docker-compose.yml", `services:\n  api:\n    environment:\n      - DB_URL=${v}\n`],
  ["application.yml", `spring:\n  datasource:\n    url: ${v}\n`],
  ["alembic.ini", `[alembic]\nscript_location = migrations\nsqlalchemy.url = ${v}\n`],
  ["db.go", `package db\n\nvar dsn = "${v}"\n`],
  ["config.rb", `Sequel.connect('${v}')\n`],
  ["main.tf", `resource "acme_app" "api" {\n  database_url = "${v}"\n}\n`],
  ["secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  url: ${v}\n`],
  ["run.sh", `#!/bin/sh\npsql "${v}" -c 'select 1'\n`],
];
const connPlacements = (v) => [
  ["appsettings.json", `{\n  "ConnectionStrings": {\n    "Default": "${v}"\n  }\n}\n`],
  ["Web.config", `<connectionStrings>\n  <add name="Default" connectionString="${v}" providerName="System.Data.SqlClient" />\n</connectionStrings>\n`],
  ["Program.cs", `var conn = new SqlConnection("${v}");\n`],
  ["db.py", `conn = pyodbc.connect("${v}")\n`],
];
URLS.forEach((u, i) => {
  const p = urlPlacements(u.replace("${p}", PW[i % PW.length]));
  tp("database", p[i % p.length][0], p[i % p.length][1]);
  tp("database", p[(i + 5) % p.length][0], p[(i + 5) % p.length][1]);
});
CONN.forEach((u, i) => {
  const p = connPlacements(u.replace("${p}", PW[(i + 3) % PW.length]));
  tp("database", p[i % p.length][0], p[i % p.length][1]);
  tp("database", p[(i + 1) % p.length][0], p[(i + 1) % p.length][1]);
});
[
  [".env", "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\n"],
  [".env.example", "DATABASE_URL=postgres://user:password@localhost:5432/app\n"],
  ["README.md", "Point `DATABASE_URL` at your database, e.g. `postgresql://USER:PASSWORD@HOST:5432/DB`.\n"],
  ["settings.py", 'DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3")\n'],
  ["docker-compose.yml", "services:\n  api:\n    environment:\n      - DATABASE_URL=postgres://postgres@db:5432/postgres\n"],
  ["application.yml", "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n    password: ${DB_PASSWORD}\n"],
  ["appsettings.json", '{\n  "ConnectionStrings": {\n    "Default": "Server=(localdb)\\\\mssqllocaldb;Database=App;Trusted_Connection=True;"\n  }\n}\n'],
  ["appsettings.json", '{\n  "ConnectionStrings": {\n    "Default": "Server=db;Database=App;User Id=sa;Password=<your-password>;"\n  }\n}\n'],
  ["config.rb", "Sequel.connect(ENV.fetch('DATABASE_URL'))\n"],
  ["db.go", 'package db\n\nvar dsn = fmt.Sprintf("postgres://%s:%s@%s/%s", user, pass, host, name)\n'],
  ["db.ts", "const url = `postgres://${user}:${password}@${host}:5432/${db}`;\n"],
  ["redis.conf", "# requirepass foobared\nport 6379\n"],
  ["docs/setup.md", "mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/\n"],
  ["test_db.py", 'URL = "postgresql://test:test@localhost:5432/test"\n'],
  ["alembic.ini", "[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n"],
  ["compose.yml", "services:\n  cache:\n    command: redis-server --requirepass $${REDIS_PASSWORD}\n"],
  ["main.tf", 'resource "acme_app" "api" {\n  database_url = var.database_url\n}\n'],
  ["pom.xml", "<url>jdbc:mysql://localhost:3306/app</url>\n"],
  [".env", "REDIS_URL=redis://localhost:6379/0\n"],
  ["run.sh", "psql \"postgres://app:$PGPASSWORD@db/app\" -c 'select 1'\n"],
].forEach(([f, t]) => fp("database", f, t));

// ---------------------------------------------------------------------------
// Generic assignments: password/secret/token names in every syntax.

const SECRETS = ["«A24»", "«A32»", "«L6»«d3»!«L4»", "«b40»", "«h40»", "«A16»«d4»", "«u43»", "«L3»«d2»«L4»«d3»«L2»"];
const NAMES = ["password", "db_password", "client_secret", "api_token", "secret_key", "auth_token", "access_token", "admin_pass", "smtp_password", "jwt_secret", "passwd", "private_token", "app_secret", "session_secret", "pwd"];
const camel = (n) => n.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const upper = (n) => n.toUpperCase();
const SYNTAXES = [
  (n, v) => ["config.yaml", `service:\n  ${n}: ${v}\n`],
  (n, v) => ["config.yaml", `service:\n  ${n}: "${v}"\n`],
  (n, v) => ["config.json", `{\n  "${camel(n)}": "${v}"\n}\n`],
  (n, v) => ["config.toml", `[server]\n${n} = "${v}"\n`],
  (n, v) => ["app.ini", `[auth]\n${n} = ${v}\n`],
  (n, v) => ["app.properties", `app.${camel(n)}=${v}\n`],
  (n, v) => ["config.xml", `<config>\n  <add key="${camel(n)}" value="${v}" />\n</config>\n`],
  (n, v) => ["config.xml", `<config>\n  <${camel(n)}>${v}</${camel(n)}>\n</config>\n`],
  (n, v) => ["main.tf", `variable "x" {}\nresource "acme" "a" {\n  ${n} = "${v}"\n}\n`],
  (n, v) => ["Dockerfile", `FROM alpine\nENV ${upper(n)}=${v}\n`],
  (n, v) => ["Dockerfile", `FROM alpine\nARG ${upper(n)}=${v}\n`],
  (n, v) => ["docker-compose.yml", `services:\n  app:\n    environment:\n      - ${upper(n)}=${v}\n`],
  (n, v) => ["docker-compose.yml", `services:\n  app:\n    environment:\n      ${upper(n)}: ${v}\n`],
  (n, v) => ["secret.yaml", `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  ${n}: ${v}\n`],
  (n, v) => [".github/workflows/ci.yml", `jobs:\n  test:\n    env:\n      ${upper(n)}: ${v}\n`],
  (n, v) => ["setup.sh", `#!/bin/sh\nexport ${upper(n)}="${v}"\n`],
  (n, v) => ["setup.ps1", `$env:${upper(n)} = "${v}"\n`],
  (n, v) => ["config.fish", `set -gx ${upper(n)} ${v}\n`],
  (n, v) => ["config.go", `package config\n\nconst ${camel(n)} = "${v}"\n`],
  (n, v) => ["config.go", `package config\n\ntype Config struct{ ${camel(n)} string }\n\nvar c = Config{${camel(n).replace(/^./, (c) => c.toUpperCase())}: "${v}"}\n`],
  (n, v) => ["Config.java", `class Config {\n  private static final String ${upper(n)} = "${v}";\n}\n`],
  (n, v) => ["Config.cs", `class Config {\n  public string ${camel(n).replace(/^./, (c) => c.toUpperCase())} { get; } = "${v}";\n}\n`],
  (n, v) => ["settings.py", `${upper(n)} = "${v}"\n`],
  (n, v) => ["settings.py", `client = Client(${n}="${v}")\n`],
  (n, v) => ["config.rb", `config.${n} = '${v}'\n`],
  (n, v) => ["config.php", `<?php\n$${camel(n)} = '${v}';\n`],
  (n, v) => ["config.php", `<?php\ndefine('${upper(n)}', '${v}');\n`],
  (n, v) => ["config.rs", `const ${upper(n)}: &str = "${v}";\n`],
  (n, v) => ["Config.kt", `val ${camel(n)} = "${v}"\n`],
  (n, v) => ["Config.swift", `let ${camel(n)} = "${v}"\n`],
  (n, v) => ["config.ts", `export const config = { ${camel(n)}: "${v}" };\n`],
  (n, v) => ["Makefile", `${upper(n)} ?= ${v}\n`],
  (n, v) => [".env", `${upper(n)}=${v}\n`],
  (n, v) => ["values.yaml", `auth:\n  ${camel(n)}: |\n    ${v}\n`],
];
let k = 0;
SYNTAXES.forEach((syntax, i) => {
  for (let j = 0; j < 3; j++) {
    const name = NAMES[(i * 3 + j) % NAMES.length];
    const value = SECRETS[(i + j * 3 + k++) % SECRETS.length];
    const [file, text] = syntax(name, value);
    tp("generic", file, text);
  }
});
// Look-alikes in the same syntaxes: placeholders, lookups, hashes, ids, public values, prose.
const LOOKALIKES = [
  ["password", "${DB_PASSWORD}"],
  ["password", "changeme"],
  ["api_token", "<your-api-token>"],
  ["client_secret", "YOUR_CLIENT_SECRET_HERE"],
  ["password", "********"],
  ["secret_key", "os.environ['SECRET_KEY']"],
  ["auth_token", "process.env.AUTH_TOKEN"],
  ["password_hash", "$2b$12$«b53»"],
  ["token_id", "«h8»-«h4»-«h4»-«h4»-«h12»"],
  ["public_key", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI«b43» deploy@ci"],
  ["secret_name", "prod/billing/db"],
  ["password_file", "/run/secrets/db_password"],
  ["token_url", "https://auth.acme.io/oauth/token"],
  ["checksum", "«h64»"],
  ["password_min_length", "12"],
  ["secret_ref", "vault:secret/data/app#password"],
  ["api_token", "test"],
  ["password", "ENC[AES256_GCM,data:«b24»,iv:«b43»,tag:«b22»,type:str]"],
  ["token_header", "X-Auth-Token"],
  ["csrf_token_name", "csrf_token"],
];
LOOKALIKES.forEach(([name, value], i) => {
  for (let j = 0; j < 2; j++) {
    const [file, text] = SYNTAXES[(i * 5 + j * 11) % SYNTAXES.length](name, value);
    fp("generic", file, text);
  }
});
[
  ["README.md", "Never commit a password such as `pa$$word` or `P@ssw0rd`: use `backpack key add`.\n"],
  ["README.md", "The default login is admin / admin; change the password after the first start.\n"],
  ["package.json", '{\n  "dependencies": { "jsonwebtoken": "^9.0.2", "csrf-token": "^1.0.0" }\n}\n'],
  ["pom.xml", "<dependency>\n  <groupId>io.jsonwebtoken</groupId>\n  <artifactId>jjwt-api</artifactId>\n  <version>0.12.5</version>\n</dependency>\n"],
  ["login.html", '<input type="password" name="password" placeholder="Password" autocomplete="current-password">\n'],
  ["auth.ts", "const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });\n"],
  ["auth.go", 'package auth\n\nfunc Login(password string) error { return check(password) }\n'],
  ["test_auth.py", 'def test_wrong_password(client):\n    assert client.login("alice", password="wrong").status_code == 401\n'],
  ["config.yaml", "auth:\n  token_ttl: 3600\n  password_policy: strong\n"],
  ["i18n.json", '{ "password": "Password", "forgot_password": "Forgot your password?" }\n'],
  ["Makefile", "PASSWORD_FILE ?= .secrets/password\n"],
  ["Dockerfile", "FROM alpine\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token cat /run/secrets/npm_token\n"],
  ["deploy.yml", "env:\n  API_TOKEN: ${{ secrets.API_TOKEN }}\n"],
  ["secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  password: \"\"\n"],
  ["setup.ps1", "$password = Read-Host -AsSecureString 'Password'\n"],
  ["config.fish", "set -gx API_TOKEN (pass show acme/api)\n"],
  ["lock.json", '{ "integrity": "sha512-«b86»==" }\n'],
  ["go.sum", "github.com/acme/token v1.2.3 h1:«b43»=\n"],
].forEach(([f, t]) => fp("generic", f, t));

// Harder shapes: command lines, client config files, fallbacks, other names and operators.
[
  ["backup.sh", "#!/bin/sh\nmysqldump -u backup -p«A14» shop > shop.sql\n"],
  ["backup.sh", "#!/bin/sh\nmysql -h db -u root --password=«A16» -e 'show databases'\n"],
  ["backup.sh", "#!/bin/sh\nPGPASSWORD=«A16» pg_dump -h db -U app app > app.sql\n"],
  [".pgpass", "db.internal:5432:app:app:«A20»\n"],
  ["my.cnf", "[client]\nuser=backup\npassword=«A16»\nhost=db.internal\n"],
  ["db.properties", "spring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.username=app\nspring.datasource.password=«A14»7\n"],
  [".env", "DATABASE_URL=mongodb://app:«A16»@mongo-0:27017,mongo-1:27017,mongo-2:27017/app?replicaSet=rs0\n"],
  [".env", "DATABASE_URL=postgres://app:«A8»%40«A6»@db.acme.io:5432/app\n"],
  ["settings.py", "CELERY_BROKER_URL = 'amqp://celery:«A18»@rabbitmq:5672//'\n"],
  ["config.yaml", "cache:\n  url: redis://default:«A32»@redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com:12345\n"],
  ["knexfile.js", "module.exports = { client: 'pg', connection: { host: 'db', user: 'app', password: '«A16»', database: 'app' } };\n"],
  ["db.go", "package db\n\nvar dsn = \"app:«A16»@tcp(db:3306)/app?parseTime=true\"\n"],
  ["ormconfig.json", '{ "type": "postgres", "host": "db", "username": "app", "password": "«A12»9", "database": "app" }\n'],
  ["docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: «A20»\n"],
  ["docker-compose.yml", "services:\n  db:\n    image: mysql:8\n    environment:\n      - MYSQL_ROOT_PASSWORD=«A18»\n"],
  ["pgbouncer.ini", "[databases]\napp = host=db port=5432 dbname=app user=app password=«A16»\n"],
].forEach(([f, t]) => tp("database", f, t));
[
  ["settings.py", 'SECRET_KEY = os.environ.get("SECRET_KEY", "«A50»")\n'],
  ["settings.py", 'API_TOKEN = os.getenv("API_TOKEN", "«A32»")\n'],
  ["config.js", "const apiToken = process.env.API_TOKEN || '«A32»';\n"],
  ["config.ts", 'export const sessionSecret = process.env.SESSION_SECRET ?? "«A40»";\n'],
  ["config.rb", "ENV['SECRET_KEY_BASE'] ||= '«h64»'\n"],
  ["setup.py", 'os.environ["API_TOKEN"] = "«A32»"\n'],
  ["App.java", 'System.setProperty("api.token", "«A32»");\n'],
  ["App.java", 'props.setProperty("password", "«A12»8!");\n'],
  ["setup.ps1", '[Environment]::SetEnvironmentVariable("API_TOKEN", "«A32»", "User")\n'],
  ["setup.ps1", '$password = ConvertTo-SecureString "«A14»9!" -AsPlainText -Force\n'],
  ["run.sh", "docker run -e API_TOKEN=«A32» -p 8080:8080 acme/app\n"],
  ["run.sh", "docker run --env DB_PASSWORD=«A16» acme/app\n"],
  ["Dockerfile", "FROM alpine\nENV API_TOKEN «A32»\n"],
  ["Makefile", "export API_TOKEN := «A32»\n"],
  ["Makefile", "DB_PASSWORD :::= «A16»\n"],
  ["config.php", "<?php\n$config['db_password'] = '«A14»9';\n"],
  ["config.php", "<?php\n$token .= '«A32»';\n"],
  ["config.php", "<?php\nreturn ['api_key' => '«A32»'];\n"],
  ["client.rb", "client = Acme::Client.new(api_token: '«A32»')\n"],
  ["client.rb", "client = Acme::Client.new(:password => '«A14»9!')\n"],
  ["main.rs", 'let cfg = Config { api_token: "«A32»".to_string() };\n'],
  ["Config.kt", 'const val API_TOKEN = "«A32»"\n'],
  ["Config.swift", 'static let apiToken = "«A32»"\n'],
  ["main.go", 'package main\n\nvar cfg = Config{Password: "«A14»9!"}\n'],
  ["main.go", 'package main\n\nvar apiToken string = "«A32»"\n'],
  ["settings.py", 'CONFIG = {"auth": {"client_secret": "«A40»"}}\n'],
  ["config.yaml", "auth:\n  creds: «A32»\n"],
  ["config.yaml", "auth:\n  user_auth: «A32»\n"],
  ["config.yaml", "smtp:\n  pass: «A16»9\n"],
  ["config.yaml", "vpn:\n  passphrase: «A20»\n"],
  ["config.json", '{ "signingKey": "+«b42»=" }\n'],
  ["config.json", '{ "encryptionKey": "/«b42»=" }\n'],
  ["inventory.yml", "all:\n  vars:\n    ansible_become_password: «A16»9\n"],
  [".github/workflows/ci.yml", "jobs:\n  push:\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          username: acme\n          password: «A24»\n"],
  ["settings.xml", "<settings>\n  <servers>\n    <server>\n      <id>central</id>\n      <username>deploy</username>\n      <password>«A20»</password>\n    </server>\n  </servers>\n</settings>\n"],
  [".pypirc", "[pypi]\nusername = __token__\npassword = «A24»9\n"],
  [".netrc", "machine api.acme.io login deploy password «A20»\n"],
  ["app.properties", "app.secret: «A32»\n"],
  ["app.properties", "app.password = «A14»9\n"],
  ["config.ini", "[smtp]\npassword: «A14»9\n"],
  ["terraform.tfvars", 'admin_password = "«A14»9!"\n'],
  ["main.tf", 'resource "acme_user" "ci" {\n  settings = {\n    api_token = "«A32»"\n  }\n}\n'],
  ["secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  password: «kubepw»\n"],
  ["values.yaml", "postgresql:\n  auth:\n    postgresPassword: «A16»\n"],
  ["config.toml", '[database]\npassword = """«A20»"""\n'],
  ["app.conf", 'auth {\n  secret = "«A32»"\n}\n'],
  ["Config.cs", 'var client = new AcmeClient(new AcmeOptions { ApiToken = "«A32»" });\n'],
  ["notes.txt", "api token for staging: «A32»\n"],
  ["README.md", "Log in with `admin` / `«A10»7!` on the staging box.\n"],
  ["values.yaml", "mysql:\n  admin_pw: «A16»\n"],
  ["docker-compose.yml", "services:\n  db:\n    environment:\n      - MYSQL_PW=«A14»9\n"],
  ["config.yaml", "door:\n  passcode: «A16»\n"],
  ["app.xml", '<?xml version="1.0"?>\n<properties>\n  <entry key="db.password">«A16»</entry>\n</properties>\n'],
  ["notify.py", 'server = smtplib.SMTP_SSL("smtp.acme.io", 465)\nserver.login("alerts@acme.io", "«A12»9")\n'],
  ["res/values/secrets.xml", '<resources>\n  <string name="api_token">«A32»</string>\n</resources>\n'],
].forEach(([f, t]) => tp("generic", f, t));
[
  ["settings.py", 'SECRET_KEY = os.environ["SECRET_KEY"]\n'],
  ["settings.py", 'API_TOKEN = os.getenv("API_TOKEN", "")\n'],
  ["config.js", "const apiToken = process.env.API_TOKEN || '';\n"],
  ["config.rb", "ENV['SECRET_KEY_BASE'] ||= SecureRandom.hex(64)\n"],
  ["Makefile", "API_TOKEN ?= $(shell cat .token)\n"],
  ["run.sh", "docker run -e API_TOKEN -p 8080:8080 acme/app\n"],
  ["run.sh", 'docker run -e API_TOKEN="$API_TOKEN" acme/app\n'],
  ["Dockerfile", "FROM alpine\nENV API_TOKEN_FILE /run/secrets/api_token\n"],
  ["values.yaml", "postgresql:\n  auth:\n    existingSecret: pg-auth\n    secretKeys:\n      adminPasswordKey: postgres-password\n"],
  ["inventory.yml", "all:\n  vars:\n    ansible_become_password: \"{{ vault_become_password }}\"\n"],
  ["vault.yml", "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  «h64»\n  «h64»\n"],
  [".github/workflows/ci.yml", "jobs:\n  push:\n    steps:\n      - uses: docker/login-action@v3\n        with:\n          password: ${{ secrets.DOCKERHUB_TOKEN }}\n"],
  ["settings.xml", "<settings>\n  <servers>\n    <server>\n      <password>${env.MAVEN_PASSWORD}</password>\n    </server>\n  </servers>\n</settings>\n"],
  ["settings.xml", "<server>\n  <password>{«b44»}</password>\n</server>\n"],
  [".pypirc", "[pypi]\nusername = __token__\npassword = <your PyPI token>\n"],
  ["App.java", 'String password = props.getProperty("password");\n'],
  ["App.java", 'private static final String PASSWORD_PARAM = "password";\n'],
  ["App.kt", 'val tokenKey = "auth_token"\n'],
  ["main.go", 'package main\n\nconst tokenHeader = "X-Api-Token"\n'],
  ["config.ts", 'export const TOKEN_STORAGE_KEY = "app.auth.token";\n'],
  ["schema.graphql", "type Mutation {\n  resetPassword(token: String!, password: String!): Boolean\n}\n"],
  ["openapi.yaml", "components:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      bearerFormat: JWT\n"],
  ["test_auth.py", 'def test_login(client):\n    r = client.post("/login", json={"username": "alice", "password": "correct horse"})\n'],
  ["crypto.go", 'package crypto\n\nvar publicKey = "«b64»"\n'],
  ["webpack.config.js", "new webpack.DefinePlugin({ 'process.env.API_TOKEN': JSON.stringify(process.env.API_TOKEN) })\n"],
  ["README.md", "| `password` | string | The user's password (8 characters or more). |\n"],
  ["README.md", "Use `--token <TOKEN>` or set `ACME_TOKEN`.\n"],
  ["CHANGELOG.md", "- Rotate `SESSION_SECRET` on deploy (#1234).\n"],
  ["sample.env", "API_TOKEN=replace-me\nDB_PASSWORD=\n"],
  ["config.yaml", "auth:\n  token: !env API_TOKEN\n"],
  ["config.yaml", "auth:\n  password: ${{ secrets.PASSWORD }}\n"],
  ["secret.yaml", "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: Ag«b300»\n"],
  ["README.md", "Example: `curl -H \"Authorization: Bearer $TOKEN\" https://api.acme.io/v1/me`\n"],
].forEach(([f, t]) => fp("generic", f, t));

// Documentation examples and near-misses of each family's format.
[
  ["README.md", "Set `SLACK_BOT_TOKEN=xoxb-111-222-xxxxx` (see Slack's docs).\n"],
  ["docs/slack.md", "A user token looks like `xoxp-1234-5678-91011-00e4dd`.\n"],
  ["config.json", '{ "token": "xoxb-your-token-here" }\n'],
  ["alerts.yaml", "slack_api_url: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n"],
  ["alerts.yaml", "slack_api_url: https://hooks.slack.com/services/TXXXXX/BXXXXX/XXXXXXXXXX\n"],
  ["values.yaml", "slack:\n  token: xoxb-{{ .Values.slackToken }}\n"],
  ["log.txt", "auth ok for token xoxb-************ (team T«U10»)\n"],
  ["slack.test.ts", 'expect(isBotToken("xoxb-")).toBe(false);\n'],
].forEach(([f, t]) => fp("slack", f, t));
[
  ["docs/db.md", "SQLAlchemy's docs: `postgresql://scott:tiger@localhost/mydatabase`.\n"],
  ["settings.py", 'engine = create_engine("mysql+pymysql://scott:tiger@hostname/dbname")\n'],
  // MySQL's documented example; in this source the `\n` escape reads as part of the password, hence the marker.
  ["docs/mysql.md", "jdbc:mysql://localhost/test?user=minty&password=greatsqldb\n"], // backpack:allow jdbc-url-password
  ["appsettings.json", '{ "ConnectionStrings": { "Db": "Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;" } }\n'],
  [".env.example", "DATABASE_URL=postgres://YourUserName:YourPassword@YourHostname:5432/YourDatabaseName\n"],
  ["README.md", "mongodb+srv://<db_username>:<db_password>@cluster0.abcde.mongodb.net/\n"],
  ["settings.py", "CELERY_BROKER_URL = 'amqp://guest:guest@localhost:5672//'\n"],
  ["docker-compose.yml", "services:\n  api:\n    environment:\n      DATABASE_URL: postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@db/app\n"],
  ["db.py", 'URL = "postgres://app:%s@db/app" % password\n'],
  ["application.properties", "spring.datasource.url=jdbc:h2:mem:testdb;DB_CLOSE_DELAY=-1\nspring.datasource.password=\n"],
  ["test/config.yml", "database:\n  url: postgresql://postgres:postgres@localhost:5432/test\n"],
  ["config.ts", "const url = `mongodb://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@${host}`;\n"],
  ["docs/redis.md", "redis-cli -a <password> ping\n"],
  ["main.tf", 'resource "aws_db_instance" "db" {\n  password = random_password.db.result\n}\n'],
  ["k8s.yaml", "env:\n  - name: DATABASE_URL\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: url\n"],
].forEach(([f, t]) => fp("database", f, t));
[
  ["values.yaml", 'auth:\n  password: "{{ .Values.password }}"\n'],
  ["main.tf", "provider \"acme\" {\n  api_key = data.aws_ssm_parameter.key.value\n}\n"],
  ["azure-pipelines.yml", "steps:\n  - script: ./deploy.sh\n    env:\n      API_TOKEN: $(API_TOKEN)\n"],
  ["template.yaml", "Resources:\n  Db:\n    Properties:\n      MasterUserPassword: !Ref DBPassword\n"],
  ["settings.py", 'DATABASES = {"default": {"PASSWORD": "%(password)s"}}\n'],
  ["views.py", "secret_key = settings.SECRET_KEY\n"],
  ["client.js", 'const headers = { Authorization: "Bearer " + token };\n'],
  ["config.json", '{ "secretKey": "your-secret-key" }\n'],
  ["config.yaml", 'jwt_secret: "change-this-in-production"\n'],
  ["docker-compose.yml", "services:\n  app:\n    image: acme/app@sha256:«h64»\n"],
  ["config.yaml", "azure:\n  client_id: «h8»-«h4»-«h4»-«h4»-«h12»\n  tenant_id: «h8»-«h4»-«h4»-«h4»-«h12»\n"],
  ["config.yaml", "deploy:\n  public_key: \"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ«b200» ci@acme\"\n"],
  [".env.production", "VAPID_PUBLIC_KEY=«u87»\n"],
  ["config.yaml", "signing:\n  publicKey: |\n    -----BEGIN PUBLIC KEY-----\n    «b64»\n    «b64»\n    -----END PUBLIC KEY-----\n"],
  ["package-lock.json", '{ "node_modules/secret-handshake": { "version": "1.1.20", "resolved": "https://registry.npmjs.org/secret-handshake/-/secret-handshake-1.1.20.tgz", "integrity": "sha512-«b86»==" } }\n'],
  ["build.gradle", "implementation 'io.jsonwebtoken:jjwt-api:0.12.5'\nimplementation 'com.google.cloud:google-cloud-secretmanager:2.3.4'\n"],
  ["pom.xml", "<dependency>\n  <groupId>com.password4j</groupId>\n  <artifactId>password4j</artifactId>\n  <version>1.7.3</version>\n</dependency>\n"],
  ["config.yaml", "auth:\n  token: \"####################\"\n"],
  ["config.yaml", "auth:\n  api_token: RANDOMSTRINGHERE\n"],
  ["config.json", '{ "accessToken": "YourAccessTokenHere" }\n'],
  ["README.md", "curl -u username:mypassword https://api.acme.io/v1/me\n"],
  ["CHANGELOG.md", "- Fix `password_reset_token` expiry; bump `secret-handshake` to 1.1.20 (a1b2c3d).\n"],
  ["config.yaml", "session:\n  secret_length: 64\n  token_bytes: 32\n"],
  ["app.ts", 'const TOKEN_REGEX = /^[A-Za-z0-9_-]{32,64}$/;\n'],
  ["config.yaml", "sops:\n  password: ENC[AES256_GCM,data:«b20»,iv:«b43»,tag:«b22»,type:str]\n"],
  [".env", "API_TOKEN=encrypted:«b120»\n"],
  ["config.yaml", "auth:\n  pw_hash: «h40»\n  pw_min_length: 12\n"],
  ["app.xml", '<properties>\n  <entry key="db.password">${DB_PASSWORD}</entry>\n</properties>\n'],
  ["test_mail.py", 'def test_login(server):\n    server.login("alice@example.com", "wrong")\n'],
  ["mail.py", 'server.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])\n'],
  ["run.sh", "cd $(pwd)/build && make\n"],
  ["lexer.py", "COCOA = ['PKPaymentSummaryItem', 'PKPaymentToken', 'PKPushCredentials', 'PKPushPayload']\n"],
].forEach(([f, t]) => fp("generic", f, t));

// gosec's classes (issue #15, gosec as a development source), each written in several languages the same way:
// a literal compared with a password's or token's name on either side or in a comparing call, the short name
// `cred`, a header's value that repeats its scheme; and the look-alikes beside each.
[
  ["auth.go", 'package auth\n\nfunc ok(password string) bool {\n\treturn "«A12»9" == password\n}\n'],
  ["auth.go", 'package auth\n\nfunc ok(token string) bool {\n\treturn strings.EqualFold(token, "«A32»")\n}\n'],
  ["auth.go", 'package auth\n\nfunc ok(apiKey []byte) bool {\n\treturn subtle.ConstantTimeCompare(apiKey, []byte("«h40»")) == 1 || false\n}\n'],
  ["Login.java", 'if ("«A12»9".equals(user.getPassword())) {\n    grant();\n}\n'],
  ["Login.java", 'if (user.getPassword().equalsIgnoreCase("«A12»9")) {\n    grant();\n}\n'],
  ["login.py", 'if hmac.compare_digest(token, "«A32»"):\n    grant()\n'],
  ["login.php", "<?php\nif ('«A12»9' === $password) {\n    grant();\n}\n"],
  ["login.js", 'if ("«A12»9" === req.body.password) {\n  grant();\n}\n'],
  ["creds.go", 'package main\n\nconst (\n\tcred = "«A29»/«A27»=="\n)\n'],
  ["config.py", 'cred = "«A24»"\n'],
  ["client.go", 'package main\n\nvar (\n\tbearer = "Bearer: «a25»"\n)\n'],
  ["client.ts", 'const authHeader = "Bearer «A40»";\n'],
  ["client.py", 'AUTHORIZATION = "Basic «b32»"\n'],
].forEach(([f, t]) => tp("generic", f, t));
[
  ["auth.go", 'package auth\n\nfunc ok(p string) bool {\n\treturn "«h40»" != p\n}\n'],
  ["auth.go", 'package auth\n\nfunc scheme(token string) bool {\n\treturn strings.EqualFold(token, "Bearer")\n}\n'],
  ["lexer.py", 'if token == "identifier" or "keyword" == token:\n    advance()\n'],
  ["Login.java", 'if ("".equals(password)) {\n    fail();\n}\n'],
  ["login.js", 'if ("changeme" === password) {\n  warn();\n}\n'],
  ["form.ts", 'if ("«A12»9" === passwordConfirm) {\n  submit();\n}\n'],
  ["billing.py", 'credit = "«A24»"\ncredit_card_type = "visa"\n'],
  ["client.ts", 'const requestHeader = "Bearer «A40»";\nconst bearer_prefix = "Bearer ";\n'],
  ["client.go", 'package main\n\nvar bearer = "Bearer: " + token\n'],
].forEach(([f, t]) => fp("generic", f, t));

/** Every case: { path, family, label, text (a template) }. */
export function claimedCases() {
  return cases.map((c, i) => ({ ...c, path: `${c.label}/${String(i).padStart(4, "0")}-${c.family}/${c.file}` }));
}

/** The text scanned for a case: its template expanded, deterministically. */
export function expandClaimedCase(c) {
  return expandFake(c.text, `claimed:${c.path}`);
}
