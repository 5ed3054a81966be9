/**
 * The config look-alike corpus (harvested by scripts/harvest-config-corpus.mjs): configuration files as
 * public repositories commit them, kept on this machine outside git (scripts/local-corpora.mjs: the files
 * `fetch` brings are never committed; test/config-corpus holds only their list and our own examples), each under its own path (the scanner judges
 * `.env.development`, `values.yaml` and `Dockerfile` by their names), and vendors' published example
 * keys written into config files. Each file a scan flags was reviewed by class (`REVIEWED`): a secret
 * after all (set apart from the false-alarm score and held to be found) or a false alarm, named by class.
 * Used by test/unit/scan-config-corpus.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { localCorpus } from "./local-corpora.mjs";

const ROOT = new URL("../test/config-corpus/", import.meta.url).pathname;

/**
 * Every harvested file a scan flagged, by `repo:path`, with the reviewer's verdict: `secret` (a real
 * value by shape, committed for tests or as a sample: other scanners flag it too, so it counts as found,
 * not as a false alarm) or `false alarm` and its class. The repositories measured once (not committed)
 * are reviewed in docs/scan.md.
 */
export const REVIEWED = {
  "prometheus-community/helm-charts:charts/prometheus-node-exporter/ci/kube-rbac-proxy-tlssecret-values.yaml": { verdict: "secret", class: "a test TLS private key (base64 of its PEM) in a chart's CI values" },
  "rails/rails:activestorage/test/dummy/config/secrets.yml": { verdict: "secret", class: "a test application's random 128-hex secret_key_base" },
  "docker/awesome-compose:spring-postgres/backend/src/main/resources/application.properties": { verdict: "secret", class: "a sample's database password as a Spring placeholder's default (${POSTGRES_PASSWORD:…}), random-looking" },
  "docker-library/docs:joomla/compose.yaml": { verdict: "false alarm", class: "documentation's example password of words (app name @ word)" },
  "bitnami/charts:bitnami/consul/values.yaml": { verdict: "false alarm", class: "a generated key shown under a comment's `Example:`" },
  "bitnami/charts:bitnami/etcd/values.yaml": { verdict: "false alarm", class: "an identifier under a token's name (etcd's initial cluster token names the cluster); no longer flagged since the seventh look-alike batch (numeronyms read as words)" },
  "bitnami/charts:bitnami/grafana-operator/values.yaml": { verdict: "false alarm", class: "a UUID client secret in a commented-out example block" },
};

/** sources.json: each repository's commit, licence, whether its text is harvested (`committed`: the name
 * predates keeping the text outside git), and its files. */
export function loadConfigSources() {
  return JSON.parse(readFileSync(join(ROOT, "sources.json"), "utf8"));
}

/** The harvested files on this machine (`config-corpus/files.json.gz` of the local corpora). */
export const CONFIG_CORPUS_FILES = localCorpus("config-corpus", "files.json.gz");

/** The harvested files, `{ repo, path, text }`, or null when they are not on this machine. */
export function configCorpusFiles() {
  if (!CONFIG_CORPUS_FILES.present) return null;
  return JSON.parse(gunzipSync(readFileSync(CONFIG_CORPUS_FILES.path)).toString("utf8"));
}

/** The vendors' published example keys, each with its source and the config text to write it in. */
export function vendorExamples() {
  return JSON.parse(readFileSync(join(ROOT, "vendor-examples.json"), "utf8")).examples;
}
