// What the generated corpora (scripts/gen-corpus.mjs, gen-labeled2/3/4.mjs, gen-external-corpus.mjs) share: a name's forms, the check that
// the committed folder is what the generator makes, and the command line that writes, checks or expands it.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

// A secret's name (`API_KEY`) in the forms each language writes it: apiKey, api_key, ApiKey, api-key, api.key.
export const camel = (n) => n.toLowerCase().replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
export const snake = (n) => n.toLowerCase();
export const pascal = (n) => camel(n).replace(/^./, (c) => c.toUpperCase());
export const kebab = (n) => n.toLowerCase().replace(/_/g, "-");
export const dotted = (n) => n.toLowerCase().replace(/_/g, ".");
/** A value wrapped as \uE000INDEX\uE001VALUE\uE002 while a file is built, so each secret's lines can be found after the markers are dropped. */
export const mark = (i, v) => `\uE000${i}\uE001${v}\uE002`;

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir, prefix = "") {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

/**
 * The paths of `dir` whose content differs from `files` (each `{ path, content }`) and `labels.json`
 * from `labels`, and the paths it holds that the generator does not make (empty: up to date).
 */
export function staleCorpusFiles(dir, files, labels) {
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  wanted.set("labels.json", labels);
  const stale = [];
  for (const [path, content] of wanted) {
    let actual;
    try {
      actual = readFileSync(join(dir, path), "utf8");
    } catch {
      actual = undefined;
    }
    if (actual !== content) stale.push(path);
  }
  for (const path of listFiles(dir)) if (!wanted.has(path)) stale.push(path);
  return stale;
}

/**
 * A generator's command line: `--check` exits 1 when `dir` is out of date, `--expand OUT` writes the
 * files with their templates expanded (`expand(path, content)`) to OUT, and no option writes `dir`
 * afresh and prints `summary(files)`.
 */
export function runCorpusCommand({ argv, dir, name, script, buildCorpus, labelsOf, expand, summary }) {
  if (argv.includes("--check")) {
    const stale = staleCorpusFiles(dir, buildCorpus(), labelsOf(buildCorpus()));
    if (stale.length) {
      console.error(`${name} is out of date (${stale.length} files); run: node ${script}`);
      process.exit(1);
    }
  } else if (argv.includes("--expand")) {
    const out = argv[argv.indexOf("--expand") + 1];
    if (!out) throw new Error("--expand needs a folder");
    for (const f of buildCorpus()) {
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), expand(f.path, f.content));
    }
  } else {
    const files = buildCorpus();
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    writeFileSync(join(dir, "labels.json"), labelsOf(files));
    console.log(summary(files));
  }
}
