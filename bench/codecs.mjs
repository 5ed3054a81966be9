// Compression choices for a large memory layer, measured in process: the
// bench's 1 MB memory (random hex notes: entropy coding only pays) and a
// prose memory (the repository's docs as notes, repeated to 1 MB: LZ
// matches pay), each codec's compress and decompress time (fastest of 15)
// and size. Part of `npm run bench` (or `node bench/codecs.mjs` alone, no
// build needed). docs/git.md "Speed" has a run.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { deflateSync } from "fflate";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function hexMemory(bytes) {
  const notes = Array.from({ length: Math.floor(bytes / 88) }, () => `note ${randomBytes(40).toString("hex")}`);
  return Buffer.from(JSON.stringify({ notes }));
}

function proseMemory(bytes) {
  const docs = readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => readFileSync(join(ROOT, "docs", f), "utf8"));
  const paragraphs = docs.join("\n\n").split(/\n\n+/).filter((p) => p.trim().length > 40);
  const notes = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const note = `${i}: ${paragraphs[i % paragraphs.length]}`;
    notes.push(note);
    size += note.length + 4;
  }
  return Buffer.from(JSON.stringify({ notes }));
}

const { constants: Z } = zlib;
const codecs = {
  "fflate deflate level 1": { compress: (b) => deflateSync(b, { level: 1 }), decompress: (c) => zlib.inflateRawSync(c) },
  "zlib deflateRaw level 1": { compress: (b) => zlib.deflateRawSync(b, { level: 1 }), decompress: (c) => zlib.inflateRawSync(c) },
  "zlib Huffman only": { compress: (b) => zlib.deflateRawSync(b, { level: 1, strategy: Z.Z_HUFFMAN_ONLY }), decompress: (c) => zlib.inflateRawSync(c) },
  ...Object.fromEntries([0, 1, 2, 4].map((q) => [`brotli quality ${q}`, {
    compress: (b) => zlib.brotliCompressSync(b, { params: { [Z.BROTLI_PARAM_QUALITY]: q, [Z.BROTLI_PARAM_SIZE_HINT]: b.length, [Z.BROTLI_PARAM_MODE]: Z.BROTLI_MODE_TEXT } }),
    decompress: (c) => zlib.brotliDecompressSync(c),
  }])),
  "none (stored as is)": { compress: (b) => b, decompress: (c) => c },
};

function fastest(fn, times = 15) {
  let best = Infinity;
  let out;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    out = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: best, out };
}

/** One row per memory and codec. */
export function benchCodecs() {
  const rows = [];
  for (const [name, data] of [["hex notes (the bench's)", hexMemory(1_000_000)], ["prose notes", proseMemory(1_000_000)]]) {
    for (const [codec, { compress, decompress }] of Object.entries(codecs)) {
      const c = fastest(() => Buffer.from(compress(data)));
      const d = fastest(() => decompress(c.out));
      if (!Buffer.from(d.out).equals(data)) throw new Error(`${codec} does not round-trip`);
      rows.push({ memory: `${name}, ${Math.round(data.length / 1000)} KB`, codec, "compress ms": c.ms.toFixed(1), "decompress ms": d.ms.toFixed(1), "size %": ((100 * c.out.length) / data.length).toFixed(0) });
    }
  }
  rows.push({ memory: `node ${process.version}, zlib ${process.versions.zlib}, brotli ${process.versions.brotli}`, codec: "", "compress ms": "", "decompress ms": "", "size %": "" });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(benchCodecs());
