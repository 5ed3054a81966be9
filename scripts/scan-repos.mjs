#!/usr/bin/env node
/**
 * Scores the scanner on whole public repositories (the sixth batch of held-out look-alikes, see
 * docs/scan.md "Sixth batch"): every text file of each mirror's HEAD (binaries, lockfiles and files
 * over 1 MB left out) through scanText from src/, findings counted per repository and by rule.
 * `node scripts/scan-repos.mjs OUT.json owner/name...` (mirrors under MIRRORS, as `fetch` lays them
 * out). Writes findings as rule, path, line and masked preview only: never a value.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { importFromSrc } from "./import-src.mjs";

const MIRRORS = process.env.MIRRORS ?? "/work/.mirror";
const [outFile, ...repos] = process.argv.slice(2);
const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|[^/]*\.lock|go\.sum|composer\.lock|Gemfile\.lock|Pipfile\.lock)$/;
const BINARY_EXT = /\.(?:png|jpe?g|gif|webp|ico|icns|bmp|tiff?|pdf|zip|gz|tgz|bz2|xz|7z|tar|whl|jar|class|so|dylib|dll|exe|bin|wasm|pyc|woff2?|ttf|otf|eot|mp[34]|wav|mov|avi|webm|ogg|flac|parquet|arrow|pkl|pickle|npy|npz|onnx|pt|safetensors|sqlite3?|db|xlsx?|docx?|pptx?|ipynb_checkpoints)$/i;

const { scanText, decodeText } = await importFromSrc(`export { scanText } from "./src/scan/scanner.ts"; export { decodeText } from "./src/scan/blob.ts";`);

const result = {};
for (const repo of repos) {
  const dir = join(MIRRORS, repo.replace("/", "+"), "repo");
  const git = (args, opts = {}) => execFileSync("git", ["-C", dir, ...args], { maxBuffer: 1 << 30, ...opts });
  const commit = git(["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const entries = git(["ls-tree", "-r", "-l", "-z", "HEAD"], { encoding: "utf8" }).split("\0").filter(Boolean).map((l) => {
    const [meta, path] = l.split("\t");
    const [mode, type, sha, size] = meta.split(/\s+/);
    return { mode, type, sha, size: Number(size), path };
  }).filter((e) => e.type === "blob" && e.mode !== "120000" && e.mode !== "160000");
  let files = 0, skipped = 0;
  const findings = [];
  const wanted = entries.filter((e) => {
    const skip = e.size > 1_000_000 || LOCKFILE.test(e.path) || BINARY_EXT.test(e.path);
    if (skip) skipped++;
    return !skip;
  });
  for (let at = 0; at < wanted.length; at += 1000) {
    const chunk = wanted.slice(at, at + 1000);
    // One `git cat-file --batch` per thousand blobs: "<sha> blob <size>\n<bytes>\n" each.
    const all = git(["cat-file", "--batch"], { input: chunk.map((e) => e.sha).join("\n") + "\n" });
    let pos = 0;
    for (const e of chunk) {
      const nl = all.indexOf(10, pos);
      const header = all.subarray(pos, nl).toString().split(" ");
      // A blob the mirror left out (its largest files may be absent): "<sha> missing", no content.
      if (header[1] === "missing") {
        pos = nl + 1;
        skipped++;
        continue;
      }
      const size = Number(header[2]);
      const buf = all.subarray(nl + 1, nl + 1 + size);
      pos = nl + 1 + size + 1;
      scanOne(e, buf);
    }
  }
  function scanOne(e, buf) {
    const text = decodeText(buf);
    if (text === undefined) { skipped++; return; }
    files++;
    for (const f of scanText({ path: e.path, text })) findings.push({ path: e.path, line: f.line, rule: f.rule, preview: f.preview });
  }
  const flagged = new Set(findings.map((f) => f.path)).size;
  result[repo] = { commit, files, skipped, flagged, findings };
  console.error(`${repo}: ${files} files, ${findings.length} findings in ${flagged} files (${(findings.length * 1000 / files).toFixed(1)} per 1,000 files, ${(flagged / files).toFixed(4)} of files)`);
}
writeFileSync(outFile, JSON.stringify(result, null, 1));
