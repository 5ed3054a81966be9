#!/usr/bin/env node
/**
 * Harvests the held-out look-alike corpus: real files from public repositories that hold no secret
 * but look secret-ish to a scanner (framework .env files as projects commit them, lockfiles full of
 * checksums, Maven coordinates, i18n strings about passwords, JWT docs, CSP nonces, base64 images),
 * and Nosey Parker's published `negative_examples`. Run by hand, against local clones
 * (`MIRRORS=/path/with/owner+name/repo`).
 *
 * The public files and Nosey Parker's cases go OUTSIDE this repository, to `fp-corpus/` of the local
 * corpora (scripts/local-corpora.mjs), with their source, commit and license in its sources.json: the
 * tool library keeps what `fetch` brings out of commits, so they are never committed. The committed
 * corpus (test/fp-corpus/) holds files written by hand in their shapes (`files/written/`,
 * `repo: "written"`), which this script does not touch. test/unit/scan-fp-corpus.test.ts scores the
 * committed part always and the harvested part when it is there.
 *
 * The corpus was harvested and scored before the rules were tuned against it (see docs/scan.md).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import YAML from "yaml";
import { localCorpus } from "./local-corpora.mjs";

const MIRRORS = process.env.MIRRORS ?? "/work/.mirror";
const OUT = localCorpus("fp-corpus").path;
mkdirSync(OUT, { recursive: true });
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
  // A sixth batch: agent and LLM tooling's repositories, scanned whole (scripts/scan-repos.mjs), split by repository
  // before any scan. These are the development half's files that carried a finding before the rules were changed
  // (one copy of each: Haystack's versioned docs repeat the current ones), and clean files of the same kinds.
  // Left out, each a credential by the policy or possibly a real one: openai-python's mTLS test keys and its
  // webhook test's secret, aider's example transcript with a Census API key and its analytics' project tokens,
  // Haystack's telemetry key, langgraph's recorded JWTs and Supabase key, pydantic-ai's AWS key id in a scrub script.
  "deepset-ai/haystack": { license: "Apache-2.0", batch: 6, files: [
    ["docs-website/docs/concepts/secret-management.mdx", "agent-docs"], ["docs-website/docs/document-stores/opensearch-document-store.mdx", "agent-docs"],
    ["docs-website/docs/document-stores/pgvectordocumentstore.mdx", "agent-docs"],
    ["docs-website/docs/pipeline-components/retrievers/opensearchbm25retriever.mdx", "agent-docs"],
    ["docs-website/docs/pipeline-components/retrievers/opensearchembeddingretriever.mdx", "agent-docs"],
    ["docs-website/docs/pipeline-components/retrievers/opensearchmetadataretriever.mdx", "agent-docs"],
    ["docs-website/docs/pipeline-components/retrievers/opensearchsqlretriever.mdx", "agent-docs"],
    ["docs-website/reference/integrations-api/alloydb.md", "api-reference"], ["docs-website/reference/integrations-api/amazon_bedrock.md", "api-reference"],
    ["docs-website/reference/integrations-api/amazon_textract.md", "api-reference"], ["docs-website/reference/integrations-api/arcadedb.md", "api-reference"],
    ["docs-website/reference/integrations-api/snowflake.md", "api-reference"], ["docs-website/reference/integrations-api/valkey.md", "api-reference"],
    ["docs-website/docs/document-stores/elasticsearch-document-store.mdx", "agent-docs"], ["haystack/utils/auth.py", "agent-code"],
  ] },
  "pydantic/pydantic-ai": { license: "MIT", batch: 6, files: [
    ["tests/models/test_model.py", "agent-test"], ["tests/realtime/test_ws_cassettes.py", "agent-test"],
    ["tests/models/cassettes/test_google/test_google_vertexai_count_tokens_forwards_native_tools.yaml", "cassette"],
    ["tests/models/cassettes/test_openai/test_openai_instructions_with_responses_logprobs_streaming.yaml", "cassette"],
    ["tests/realtime/cassettes/test_azure_ws/test_webrtc_sideband_text_turn.yaml", "cassette"],
    ["tests/realtime/cassettes/test_openai_ws/test_webrtc_sideband_audio_turn.yaml", "cassette"],
    ["tests/realtime/cassettes/test_openai_ws/test_webrtc_sideband_text_turn.yaml", "cassette"],
    ["tests/realtime/cassettes/test_webrtc/test_agent_answer_webrtc_offer.yaml", "cassette"],
    ["tests/realtime/cassettes/test_webrtc/test_answer_webrtc_offer.yaml", "cassette"],
    ["tests/realtime/cassettes/test_webrtc/test_azure_answer_webrtc_offer_records.yaml", "cassette"],
    ["docs/models/openai.md", "agent-docs"], ["tests/conftest.py", "agent-test"],
  ] },
  "Aider-AI/aider": { license: "Apache-2.0", batch: 6, files: [
    ["aider/coders/search_replace.py", "agent-code"], ["aider/onboarding.py", "agent-code"], ["aider/models.py", "agent-code"],
    ["aider/website/docs/config/api-keys.md", "agent-docs"], ["aider/website/docs/config/dotenv.md", "agent-docs"],
  ] },
  "openai/openai-python": { license: "Apache-2.0", batch: 6, files: [["src/openai/_client.py", "agent-code"], ["README.md", "agent-docs"]] },
  "langchain-ai/langgraph": { license: "MIT", batch: 6, files: [["libs/cli/langgraph_cli/config.py", "agent-code"]] },
  "microsoft/autogen": { license: "MIT (LICENSE-CODE)", batch: 6, files: [["python/packages/autogen-ext/src/autogen_ext/models/openai/_openai_client.py", "agent-code"]] },
  "modelcontextprotocol/servers": { license: "MIT OR Apache-2.0", batch: 6, files: [[".mcp.json", "config"], ["src/everything/package.json", "config"]] },
  // A seventh batch (Helm charts, sample applications, provisioning examples: docs/scan.md, "Seventh batch") was scanned
  // whole by scripts/scan-repos.mjs; none of its files is harvested. Its classes are kept by files written in their
  // shapes (under test/fp-corpus/files/written/), which this script leaves as they are.
  // supabase/supabase's docker/.env.example was copied by hand into the local corpus (the repository is over the
  // mirror's size limit); a harvest keeps entries marked `byHand` in the local sources.json as they are.
};

const git = (repo, args) => execFileSync("git", ["-C", join(MIRRORS, repo.replace("/", "+"), "repo"), ...args], { encoding: "utf8", maxBuffer: 64 << 20 });

/** The first MAX_CHARS of a file, cut at a line end. */
function excerpt(text) {
  if (text.length <= MAX_CHARS) return text;
  return text.slice(0, text.lastIndexOf("\n", MAX_CHARS) + 1);
}

// Entries added by hand (copied from a repository too large to clone) stay.
const previousSources = existsSync(join(OUT, "sources.json")) ? JSON.parse(readFileSync(join(OUT, "sources.json"), "utf8")) : { files: [] };
const previous = previousSources.files;
// `BATCH=6`: harvest that batch's picks only (the older batches' mirrors need not be here); every other entry stays as it is.
const only = process.env.BATCH ? Number(process.env.BATCH) : undefined;
const files = only === undefined ? [] : previous.filter((f) => f.batch !== only && !f.byHand);
for (const [repo, pick] of Object.entries(PICKS)) {
  const { license, batch } = pick;
  if (only !== undefined && batch !== only) continue;
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
    files.push({ file, repo, commit, path, license, kind, ...(batch ? { batch } : {}), ...(text.length > MAX_CHARS ? { excerpt: `first ${MAX_CHARS} characters` } : {}) });
  }
}

files.push(...previous.filter((f) => f.byHand && f.repo !== "written"));
const NOTE = "Fetched look-alikes: real public files and Nosey Parker's negative examples harvested by scripts/harvest-fp-corpus.mjs, kept out of the repository (the tool library keeps what fetch brings out of commits). None holds a secret.";
const writeSources = (noseyparker) => writeFileSync(join(OUT, "sources.json"), `${JSON.stringify({ note: NOTE, files, ...(noseyparker ? { noseyparker } : {}) }, null, 1)}\n`);
writeSources(previousSources.noseyparker);

if (only !== undefined) {
  console.log(`${files.length} files in ${OUT} (batch ${only} harvested again)`);
  process.exit(0);
}

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

writeSources({ repo: np, commit: npCommit, license: "Apache-2.0", cases });
console.log(`${files.length} files and ${cases.length} Nosey Parker negative examples in ${OUT}`);
