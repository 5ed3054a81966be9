// Core throughput: what the clean filter does (working form text -> stored form
// text) and what smudge does (stored -> working), on a 2 KB and a 5 MB
// agent.lock, through the built library (dist/index.js). The key's subkeys are
// derived once and cached, as in a long-running filter process.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const lib = await import(pathToFileURL(resolve("dist/index.js")).href);

const WORDS = "the user asked about weather deploy release notes meeting budget report error retry token model answer summary customer ticket".split(" ");

/** A working form whose text is about `bytes` long: a memory log of varied sentences (compressible, as real memory is). */
function documentOf(bytes, random = false) {
  const doc = {
    version: 2,
    agent: { name: "bench" },
    credentials: { OPENAI_API_KEY: { source: "vault" }, DEPLOY_TOKEN: { source: "embedded", value: randomBytes(24).toString("base64url") } },
    personality: { system_prompt: "You are a helpful assistant that keeps notes.", tone: "friendly" },
    memory: { log: [] },
  };
  // Entries sit 6 spaces deep in the working form's text: count them as they will be written.
  const base = lib.serializeWorkingForm(doc).length;
  let size = base;
  let i = 0;
  while (true) {
    const text = random
      ? randomBytes(60).toString("base64")
      : Array.from({ length: 12 }, (_, j) => WORDS[(i * 7 + j * 13 + (i >> 3)) % WORDS.length]).join(" ") + ` #${i}`;
    const entry = { text, turn: i++ };
    const added = JSON.stringify(entry, null, 2).replace(/\n/g, "\n      ").length + 8;
    if (size + added > bytes) break;
    doc.memory.log.push(entry);
    size += added;
  }
  return doc;
}

/** Runs fn until it has run `minRuns` times and for at least `minMs`; returns ms per run. */
function time(fn, minRuns, minMs) {
  fn(); // warm up
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (runs < minRuns || elapsed < minMs) {
    fn();
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return elapsed / runs;
}

export async function benchCore() {
  const key = lib.newRepoKey(randomBytes(32));
  const cases = [
    ["2 KB", documentOf(2 * 1024), 2000, 1000],
    ["5 MB", documentOf(5 * 1024 * 1024), 5, 2000],
    ["5 MB (incompressible memory)", documentOf(5 * 1024 * 1024, true), 5, 2000],
  ];
  const rows = [];
  for (const [label, doc, minRuns, minMs] of cases) {
    const working = lib.serializeWorkingForm(doc);
    const clean = () => {
      const parsed = lib.parseAgentLock(working);
      return lib.serializeStoredForm(lib.encryptWorkingForm(parsed.doc, key));
    };
    const stored = clean();
    const smudge = () => {
      const parsed = lib.parseAgentLock(stored);
      return lib.serializeWorkingForm(lib.decryptStoredForm(parsed.stored, key));
    };
    if (smudge() !== working) throw new Error(`${label}: smudge(clean(x)) != x`);
    const mb = Buffer.byteLength(working) / (1024 * 1024);
    for (const [op, fn] of [["encrypt (clean)", clean], ["decrypt (smudge)", smudge]]) {
      const ms = time(fn, minRuns, minMs);
      rows.push({ file: label, op, "working bytes": Buffer.byteLength(working), "stored bytes": Buffer.byteLength(stored), "ms/file": ms, "MB/s": mb / (ms / 1000) });
    }
  }
  return rows;
}
