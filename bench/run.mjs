// `npm run bench`: every benchmark in one run, so ratios compare like with like.
// Each part lives in its own module and returns rows; this prints them.
// Parts: core (encrypt/decrypt throughput), codecs (compressing a large memory layer), git (filters vs plain git and git-crypt),
// scan (the pre-commit hook and the scanner vs secretlint), team (member keys vs the single key).
// `node bench/run.mjs floors` runs only the floors of the git part (the 1,000-file checkout against the echo
// filter and the format floor, the hook against `node -e 0`): a few minutes, not part of a full run;
// `node bench/run.mjs hook` the hook's row alone (seconds).
import { existsSync } from "node:fs";

const parts = [
  { file: "./core.mjs", fn: "benchCore", title: "Core: encrypt / decrypt throughput" },
  { file: "./codecs.mjs", fn: "benchCodecs", title: "Codecs: compressing a 1 MB memory layer (the large-layer choice, docs/format.md)" },
  { file: "./git.mjs", fn: "benchGit", title: "Git: backpack vs plain git vs git-crypt" },
  { file: "./scan.mjs", fn: "benchScan", title: "Scanner: pre-commit hook and secretlint" },
  { file: "./team.mjs", fn: "benchTeam", title: "Teams: member keys against the single key (smudge start, 1,000-file checkout)" },
  { name: "floors", onlyWhenAsked: true, file: "./git.mjs", fn: "benchFloors", title: "Git floors: the 1,000-file checkout and the pre-commit hook (part of `git`)" },
  { name: "hook", onlyWhenAsked: true, file: "./git.mjs", fn: "benchHook", title: "The pre-commit hook against `node -e 0` (part of `git`)" },
];
const only = process.argv.slice(2);

// Node 20 loads NODE_EXTRA_CA_CERTS at every start (about 60 ms with Debian's bundle). The commands
// git runs for backpack leave it out (docs/git.md), so the baselines (`node -e 0`, the CLI runs)
// must not pay it either: every process of this run starts without it.
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  delete process.env.NODE_EXTRA_CA_CERTS;
  console.log("(NODE_EXTRA_CA_CERTS is unset for this run: Node alone then starts as it does on most machines)");
}

function printTable(rows) {
  if (!rows || rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const cell = (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? ""));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals) => vals.map((v, i) => v.padEnd(widths[i])).join("  ");
  console.log(line(cols));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

let failed = false;
for (const part of parts) {
  const name = part.name ?? part.file.slice(2, -4);
  if (only.length ? !only.includes(name) : part.onlyWhenAsked) continue;
  if (!existsSync(new URL(part.file, import.meta.url))) {
    console.log(`\n## ${part.title}\n(not available: bench/${name}.mjs is missing)`);
    continue;
  }
  console.log(`\n## ${part.title}`);
  try {
    const mod = await import(part.file);
    const result = await mod[part.fn]();
    if (Array.isArray(result)) printTable(result);
    else for (const [title, rows] of Object.entries(result ?? {})) {
      console.log(`\n### ${title}`);
      printTable(rows);
    }
  } catch (error) {
    failed = true;
    console.log(`failed: ${error?.message ?? error}`);
  }
}
process.exitCode = failed ? 1 : 0;
