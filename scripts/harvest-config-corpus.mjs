#!/usr/bin/env node
/**
 * Harvests the config look-alike corpus: the configuration files developers
 * commit, taken whole from public repositories (`.env*` as frameworks commit them, compose files,
 * Helm charts' values, Kubernetes manifests, GitHub Actions workflows, Terraform modules, Ansible
 * roles, Spring's application.properties, Next.js and Vite configs, the notebooks and `.env.example`
 * of agents' cookbooks, the Docker images' docs with their `-e MYSQL_ROOT_PASSWORD=…` lines).
 * Run once, by hand, against local snapshots (`MIRRORS=/path/with/owner+name/repo`).
 *
 * Files of repositories under a permissive licence are kept, gzipped, in the local corpora's
 * config-corpus/files.json.gz (scripts/local-corpora.mjs: on this machine, outside git; what fetch
 * brings is never committed), with their repository, commit, path and licence; repositories under
 * another licence (or none) are measured once. Only the file lists are committed
 * (test/config-corpus/sources.json), never a file's text.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { localCorpus } from "./local-corpora.mjs";

const MIRRORS = process.env.MIRRORS ?? "/work/.mirror";
const OUT = new URL("../test/config-corpus/", import.meta.url).pathname;
const FILES_OUT = localCorpus("config-corpus").path;
/** Files larger than this are data or generated (a chart's vendored CRDs, a notebook's images), not config. */
const MAX_BYTES = 64 * 1024;

/** What counts as a configuration file, by its path. */
const CONFIG =
  /(?:^|\/)(?:\.env(?:\.[\w.-]+)?|[\w.-]+\.env|\.envrc|[^/]+\.(?:ya?ml|toml|properties|ini|cfg|conf|tf|tfvars|hcl|ipynb)|Dockerfile[\w.-]*|Makefile|(?:next|vite|nuxt|astro|svelte|webpack|vitest|playwright)\.config\.[cm]?[jt]s|settings\.py|app\.json|vercel\.json|firebase\.json|\.firebaserc|appsettings[\w.]*\.json)$/i;

/**
 * repo -> licence SPDX (`committed`: permissive, its text is committed) and which files: every
 * config file (`CONFIG`), optionally narrowed by `under` (a path prefix) or widened by `also`.
 */
const PICKS = {
  "vercel/examples": { license: "MIT", committed: true },
  "vitejs/vite": { license: "MIT", committed: true, under: /^(?:packages\/create-vite|playground)\// },
  "docker/awesome-compose": { license: "CC0-1.0", committed: true },
  "docker-library/docs": { license: "MIT", committed: true, also: /(?:^|\/)content\.md$/ },
  "kubernetes/examples": { license: "Apache-2.0", committed: true },
  "bitnami/charts": { license: "Apache-2.0", committed: true, under: /^bitnami\/[^/]+\/(?:values\.yaml|Chart\.yaml|templates\/[^/]*(?:secret|configmap|deployment|statefulset)[^/]*\.yaml)$/ },
  "prometheus-community/helm-charts": { license: "Apache-2.0", committed: true },
  "grafana/helm-charts": { license: "Apache-2.0", committed: true },
  "helm/examples": { license: "Apache-2.0", committed: true },
  "actions/starter-workflows": { license: "MIT", committed: true },
  "terraform-aws-modules/terraform-aws-rds": { license: "Apache-2.0", committed: true },
  "terraform-aws-modules/terraform-aws-eks": { license: "Apache-2.0", committed: true },
  "terraform-aws-modules/terraform-aws-vpc": { license: "Apache-2.0", committed: true },
  "geerlingguy/ansible-role-mysql": { license: "MIT", committed: true },
  "geerlingguy/ansible-role-postgresql": { license: "MIT", committed: true },
  "spring-projects/spring-petclinic": { license: "Apache-2.0", committed: true },
  "spring-guides/gs-accessing-data-mysql": { license: "Apache-2.0", committed: true },
  "rails/rails": { license: "MIT", committed: true, under: /(?:^|\/)(?:config|templates)\//, also: /(?:^|\/)config\/[^/]+\.(?:rb|yml)\.tt$/ },
  "cookiecutter/cookiecutter-django": { license: "BSD-3-Clause", committed: true },
  "laravel/laravel": { license: "MIT", committed: true, also: /^config\/[^/]+\.php$/ },
  "appwrite/appwrite": { license: "BSD-3-Clause", committed: true, under: /^(?!tests\/resources\/(?:storage|disk))/ },
  "hoppscotch/hoppscotch": { license: "MIT", committed: true },
  "firebase/quickstart-js": { license: "Apache-2.0", committed: true, also: /(?:^|\/)(?:config|firebase-config|firebaseConfig|shared\/firebase)[\w.-]*\.[jt]s$/ },
  "anthropics/anthropic-cookbook": { license: "MIT", committed: true },
  "openai/openai-agents-python": { license: "MIT", committed: true, also: /(?:^|\/)\.env\.example$/ },
  "vercel/ai-chatbot": { license: "Apache-2.0", committed: true },
  "n8n-io/self-hosted-ai-starter-kit": { license: "Apache-2.0", committed: true },
  // A second batch, harvested and scored after the first one's classes were fixed (held out).
  "geerlingguy/ansible-for-devops": { license: "MIT", committed: true, batch: 2 },
  "argoproj/argo-helm": { license: "Apache-2.0", committed: true, batch: 2 },
  "GoogleCloudPlatform/microservices-demo": { license: "Apache-2.0", committed: true, batch: 2 },
  "awslabs/aws-cloudformation-templates": { license: "Apache-2.0", committed: true, batch: 2, also: /\.json$/ },
  "n8n-io/n8n-hosting": { license: "MIT", committed: true, batch: 2 },
  "langchain-ai/langchain-nextjs-template": { license: "MIT", committed: true, batch: 2 },
  "docker/genai-stack": { license: "CC0-1.0", committed: true, batch: 2 },
  "spring-projects/spring-ai-examples": { license: "none at the root", committed: false, batch: 2, also: /(?:^|\/)application[\w-]*\.(?:properties|ya?ml)$/ },
  // A third batch, harvested and scored after the second one's classes were fixed (held out).
  "langfuse/langfuse": { license: "MIT", committed: true, batch: 3, under: /^(?!(?:.*\/)?ee\/)/ },
  "mem0ai/mem0": { license: "Apache-2.0", committed: true, batch: 3 },
  "wagtail/bakerydemo": { license: "BSD-3-Clause", committed: true, batch: 3 },
  "spring-projects/spring-data-examples": { license: "Apache-2.0", committed: true, batch: 3 },
  "huggingface/smolagents": { license: "Apache-2.0", committed: true, batch: 3 },
  "terraform-aws-modules/terraform-aws-iam": { license: "Apache-2.0", committed: true, batch: 3 },
  // Its test/ holds each linter's deliberately bad files (gitleaks' among them): fixtures, not config.
  "super-linter/super-linter": { license: "MIT", committed: true, batch: 3, under: /^(?!test\/)/ },
  "saleor/saleor-platform": { license: "BSD-3-Clause", committed: true, batch: 3 },
  // A fourth batch, agents' applications (held out: harvested after the third batch's classes were fixed).
  "Mintplex-Labs/anything-llm": { license: "MIT", committed: true, batch: 4 },
  "browser-use/browser-use": { license: "MIT", committed: true, batch: 4 },
  "assafelovic/gpt-researcher": { license: "Apache-2.0", committed: true, batch: 4 },
  "mckaywrigley/chatbot-ui": { license: "MIT", committed: true, batch: 4 },
  "Chainlit/cookbook": { license: "none", committed: false, batch: 4 },
  // Measured once: no licence, or one that does not allow shipping excerpts in an MIT package.
  "crewAIInc/crewAI-examples": { license: "none", committed: false },
  "ansible/ansible-examples": { license: "none", committed: false },
  "getsentry/self-hosted": { license: "FSL-1.1", committed: false },
  "outline/outline": { license: "BSL-1.1", committed: false },
  "documenso/documenso": { license: "AGPL-3.0", committed: false },
};

const gitDir = (repo) => join(MIRRORS, repo.replace("/", "+"), "repo");
const git = (repo, args) => execFileSync("git", ["-C", gitDir(repo), ...args], { encoding: "utf8", maxBuffer: 256 << 20 });

/** The config files of one repository at its HEAD: `{ path, text }`, text files only. */
export function configFiles(repo, pick) {
  const listing = git(repo, ["ls-tree", "-r", "-l", "HEAD"]).split("\n").filter(Boolean);
  const out = [];
  for (const line of listing) {
    const [meta, path] = line.split("\t");
    const [, type, , size] = meta.split(/\s+/);
    if (type !== "blob" || size === "-" || Number(size) > MAX_BYTES || Number(size) === 0) continue;
    if (/(?:^|\/)(?:node_modules|vendor|\.git)\//.test(path) || /(?:^|\/)(?:pnpm-lock|package-lock|yarn\.lock|Chart\.lock)/.test(path)) continue;
    const wanted = (CONFIG.test(path) && (!pick.under || pick.under.test(path))) || pick.also?.test(path);
    if (!wanted) continue;
    let text;
    try {
      text = git(repo, ["show", `HEAD:${path}`]);
    } catch {
      continue; // a snapshot lacks some blobs (large files, LFS)
    }
    if (text.includes("\0") || text.startsWith("version https://git-lfs")) continue;
    out.push({ path, text });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(OUT, { recursive: true });
  mkdirSync(FILES_OUT, { recursive: true });
  const repos = [];
  const committed = [];
  for (const [repo, pick] of Object.entries(PICKS)) {
    if (!existsSync(gitDir(repo))) {
      console.error(`no snapshot: ${repo}`);
      continue;
    }
    const commit = git(repo, ["rev-parse", "HEAD"]).trim();
    const files = configFiles(repo, pick);
    repos.push({ repo, commit, license: pick.license, committed: pick.committed, batch: pick.batch ?? 1, files: files.map((f) => f.path) });
    if (pick.committed) for (const f of files) committed.push({ repo, path: f.path, text: f.text });
    console.log(`${repo}: ${files.length} files`);
  }
  writeFileSync(join(OUT, "sources.json"), `${JSON.stringify({ note: "Config files as developers commit them, from public repositories; none holds a secret unless set apart in scripts/config-corpus.mjs.", repos }, null, 1)}\n`);
  writeFileSync(join(FILES_OUT, "files.json.gz"), gzipSync(JSON.stringify(committed), { level: 9 }));
  console.log(`${repos.length} repositories, ${committed.length} files kept in ${FILES_OUT}`);
}
