/**
 * The held-out look-alike corpus as the files to scan. Two parts:
 *
 * - committed (test/fp-corpus): files written for the corpus in the shapes public repositories
 *   commit (`files/written/`), and this project's own package-lock.json;
 * - local (`fp-corpus` of the local corpora, scripts/local-corpora.mjs): the real public files and
 *   Nosey Parker's negative examples that scripts/harvest-fp-corpus.mjs takes from fetched snapshots.
 *   They are never committed (the tool library keeps what `fetch` brings out of commits), so they
 *   are scored only where harvested.
 *
 * Each file is scanned under its own name (the scanner judges `.env.development` and `Cargo.lock`
 * by their names). Cases that are a secret after all are set apart, with the reason.
 * Used by test/unit/scan-fp-corpus.test.ts and `npm run bench`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { localCorpus } from "./local-corpora.mjs";

const ROOT = new URL("../test/fp-corpus/", import.meta.url).pathname;

/** Where the fetched files live: outside every git repository. */
export const LOCAL_ROOT = localCorpus("fp-corpus").path;

/**
 * Set apart from the score, each with its reason: a negative example of one scanner's rule that
 * is still a secret to a scanner judging by the name a random value is assigned to (the rule's
 * format is narrower than "a secret"). Cases marked `anotherRulesPositive` in sources.json (Nosey
 * Parker lists them as another rule's positive example) are set apart the same way.
 */
export const DISPUTED = {
  "np.auth0.1/1": "a random 64-character AUTH0_CLIENT_SECRET (the rule tests the client id)",
  "np.aws.2/1": "42 random hex characters under AWS_SECRET_ACCESS_KEY (wrong length for AWS, still a secret)",
  "np.generic.1/1": "an Azure client secret (its own rule's format) under client_credential",
  "np.gitalk.1/2": "a 40-hex GitHub OAuth clientSecret (the rule tests the client id)",
  "np.npm.1/1": "a UUID under NPM_TOKEN: the legacy npm token format",
  "files/heartcombo+devise/test/rails_app/config/initializers/devise.rb": "a random 128-hex secret_key in a test application: a secret by shape",
};

/** The committed corpus's sources.json: the written files. */
export function loadFpSources() {
  return JSON.parse(readFileSync(join(ROOT, "sources.json"), "utf8"));
}

/** The fetched files' and Nosey Parker's cases' sources.json, or undefined where they were not harvested. */
export function loadLocalFpSources() {
  const path = join(LOCAL_ROOT, "sources.json");
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

/** Every committed look-alike: `{ source, path, label, text }`; `path` is where to write it (and what to call it). */
export function fpCorpusItems() {
  const items = loadFpSources()
    .files.filter((f) => !DISPUTED[f.file])
    .map((f) => ({ source: "written", path: f.file, label: `${f.file} (${f.kind})`, text: readFileSync(join(ROOT, f.file), "utf8") }));
  // This project's own lockfile: thousands of integrity hashes and registry URLs.
  items.push({ source: "this project", path: "self/package-lock.json", label: "package-lock.json (lockfile)", text: readFileSync(new URL("../package-lock.json", import.meta.url), "utf8") });
  return items;
}

/**
 * The harvested look-alikes (the fetched public files, source "public files (local)", and each of Nosey
 * Parker's negative examples as a note, source "noseyparker (local)"), or undefined where they were not
 * harvested.
 */
export function fpLocalItems() {
  const sources = loadLocalFpSources();
  if (!sources) return undefined;
  const items = sources.files
    .filter((f) => !DISPUTED[f.file])
    .map((f) => ({ source: "public files (local)", path: f.file, label: `${f.file} (${f.kind})`, text: readFileSync(join(LOCAL_ROOT, f.file), "utf8") }));
  const ordinal = new Map();
  (sources.noseyparker?.cases ?? []).forEach((c, i) => {
    const n = (ordinal.get(c.rule) ?? 0) + 1;
    ordinal.set(c.rule, n);
    const key = `${c.rule}/${n}`;
    if (c.anotherRulesPositive || DISPUTED[key]) return;
    items.push({ source: "noseyparker (local)", path: `noseyparker/${c.rule}-${n}/notes.txt`, label: `${key} (#${i})`, text: `${c.text}\n` });
  });
  return items;
}
