// Harvests more development cases: the test data of two more scanners, into
// test/external-corpus/dev.json (the case format of cases.json, read by
// scripts/gen-external-corpus.mjs and scored by test/unit/scan-dev-corpus.test.ts). Run once by
// hand when the sources move on; the output is committed, this script shows where each case came
// from and how.
//
//   node scripts/harvest-dev-cases.mjs --ripsecrets GITDIR --whispers GITDIR
//
// Each GITDIR is a clone (bare is fine) read at HEAD. What is taken:
//   ripsecrets (MIT)         test/one_per_line/<family>: each line a secret; test/one_per_file/*:
//                            each file a secret; test/none: each line a look-alike (lines that
//                            test ripsecrets' own ignore mechanisms, a pragma or .secretsignore,
//                            are left out: they hold a real-looking secret on purpose);
//   whispers (BSD-3-Clause)  tests/fixtures/*: each fixture's compliant part (a look-alike) and
//                            its noncompliant part (secrets), split at its `noncompliant` marker;
//                            apikeys-known.yml and webhooks.yml line by line, the family named
//                            by the line's key (`Github01:`, `slack-webhook:`).
// whispers marks its secrets with the word `hardcoded` (`password: hardcoded1`); a random run of
// the same length takes its place, so each case tests the syntax around a value, as a real
// secret would sit there.
//
// Nothing token-shaped is written: every random run becomes a template of the same length and
// class (scripts/harvest-external-cases.mjs's templatize).
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { git, ls, opt, show, templatize, writeCases } from "./harvest-external-cases.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "test/external-corpus/dev.json");

const SOURCES = {
  ripsecrets: { repo: "sirwart/ripsecrets", license: "MIT" },
  whispers: { repo: "adeptex/whispers", license: "BSD-3-Clause" },
};

const printable = (text) => !/[«»]/.test(text) && !/[^\t\n\r\x20-\x7e]/.test(text);

// Providers' prefixes stay literal (a template of `AIzaSy…` would lose what makes it a Google key),
// and so does the letter after a `\n` escape (a PEM body in a JSON or YAML string).
const PREFIXES = ["AIza", "eyJ", "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xox", "xapp", "sk_live_", "rk_live_", "whsec_", "npm_", "SG."];
const template = (text) => templatize(text.replace(/\\n/g, "\\n\u0001"), PREFIXES).split("\u0001").join("");

const RIPSECRETS_FAMILIES = { url: "basicauth", random: "generic", aws_json: "aws", pem_key: "privatekey", private_key: "privatekey" };

function harvestRipsecrets(dir) {
  const cases = [];
  for (const path of ls(dir, "test")) {
    const name = basename(path);
    const family = RIPSECRETS_FAMILIES[name] ?? name;
    const text = show(dir, path);
    if (path.startsWith("test/one_per_file/")) {
      if (printable(text)) cases.push({ family, rule: `ripsecrets/${name}`, label: "tp", text: template(text.trimEnd()), src: "ripsecrets", path });
      continue;
    }
    const label = path === "test/none" ? "fp" : "tp";
    for (const line of text.split("\n")) {
      if (!line.trim() || !printable(line)) continue;
      // ripsecrets' own ignore mechanisms: the line holds a real-looking secret on purpose.
      if (label === "fp" && /pragma: allowlist|secretsignore/.test(line)) continue;
      cases.push({ family: label === "fp" ? "generic" : family, rule: `ripsecrets/${name}`, label, text: template(line), src: "ripsecrets", path });
    }
  }
  console.error(`ripsecrets: ${cases.length} cases`);
  return cases;
}

/** whispers' fixtures by family (the rest: generic, a value under a secret's name). */
const WHISPERS_FAMILIES = [
  [/^aws\./, "aws"],
  [/^\.aws\//, "aws"],
  [/privatekey|\.pem$|\.ppk$|pgp/, "privatekey"],
  [/^uri\.yml$|^pip\.conf$/, "basicauth"],
  [/^jdbc\.xml$|connection\.config/, "database"],
  [/^\.npmrc$/, "npm"],
  [/dockercfg/, "docker"],
  [/^script\.sh$/, "curl"],
  [/creditcards/, "creditcard"],
  [/^arn\./, "arn"],
];
// Line-by-line fixtures: the key names the family (`Github01:` github, `slack-webhook:` slack).
const WHISPERS_KEY_FAMILIES = { outlook: "teams", google: "gcp", sendgrid: "sendgrid", telegram: "telegram" };

// whispers' secret marker becomes a random run: 16 characters (a password of 9 random characters can
// read as a word by chance), or as long as the marker inside a token whose length is its format's.
const unmark = (text, sameLength = false) => text.replace(/(?:YXNkZmZmZmZm_)?hard-?co(?:de)?d|h4rdc0ded/gi, (m) => `«A${sameLength ? m.length : 16}»`);

function harvestWhispers(dir) {
  const cases = [];
  const root = "tests/fixtures/";
  for (const path of ls(dir, "tests/fixtures")) {
    const file = path.slice(root.length);
    const text = show(dir, path);
    // Fixtures of whispers' configuration (keys and values its config excludes) test that config, not a look-alike.
    if (!printable(text) || text.length > 6000 || /^(?:excluded|custom)\./.test(file)) continue;
    const ext = extname(file) || (basename(file).startsWith(".") ? basename(file) : "");
    if (/^(?:apikeys-known|webhooks)\.yml$/.test(file)) {
      let label = "fp";
      for (const line of text.split("\n")) {
        if (/^\s*noncompliant:/.test(line)) label = "tp";
        const key = /^\s+([A-Za-z]+?)(?:\d+|-webhook)?:\s*\S/.exec(line)?.[1]?.toLowerCase();
        if (!key) continue;
        const family = WHISPERS_KEY_FAMILIES[key] ?? key;
        // The key (`Github01`) stays as it is; the value is templated.
        const [, name = "", value = ""] = /^\s*([^:]+:)(.*)$/.exec(line) ?? [];
        cases.push({ family, rule: `whispers/${file}`, label, text: `${name}${template(unmark(value, true))}`, src: "whispers", path, ext: ".yml" });
      }
      continue;
    }
    // Split at the marker of the noncompliant part (`# Noncompliant`, `noncompliant:`, `<!-- Noncompliant -->`, `<incompliant>`).
    const lines = text.split("\n");
    const at = lines.findIndex((l) => /^\s*(?:#|<!--|--+|<)?\s*(?:non-?compliant|incompliant)\b/i.test(l));
    if (at < 0) continue;
    const family = WHISPERS_FAMILIES.find(([re]) => re.test(file))?.[1] ?? "generic";
    const parts = [
      ["fp", lines.slice(0, at).join("\n")],
      ["tp", lines.slice(at).join("\n")],
    ];
    for (const [label, part] of parts) {
      // A part with no value in it (only markers and headers) is no case.
      if (!/[=:>]\s*\S|\s-\S/.test(part)) continue;
      cases.push({ family, rule: `whispers/${file}`, label, text: template(unmark(part.trimEnd())), src: "whispers", path, ext });
    }
  }
  console.error(`whispers: ${cases.length} cases`);
  return cases;
}

const direct = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (direct) {
  if (!opt("ripsecrets") || !opt("whispers")) {
    console.error("usage: node scripts/harvest-dev-cases.mjs --ripsecrets DIR --whispers DIR");
    process.exit(2);
  }
  const all = [...harvestRipsecrets(opt("ripsecrets")), ...harvestWhispers(opt("whispers"))];
  const sources = Object.fromEntries(Object.entries(SOURCES).map(([s, meta]) => [s, { ...meta, commit: git(opt(s), "rev-parse", "HEAD").trim() }]));
  console.error(`${writeCases(OUT, sources, all)} cases -> ${OUT}`);
}
