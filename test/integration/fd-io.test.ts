import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readChunks, writeFully } from "../../src/git/fd-io.js";

describe("blocking IO on file descriptors (the filter process's pipes)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "backpack-fd-io-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file larger than one chunk and one slab whole, each chunk valid after later reads", () => {
    // 3 MB: 64 KiB reads fill several 1 MiB slabs, so a new slab must start before a read could overrun one.
    const data = Buffer.alloc(3_000_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 251;
    writeFileSync(join(dir, "in"), data);
    const fd = openSync(join(dir, "in"), "r");
    try {
      const chunks = [...readChunks(fd)];
      expect(chunks.length).toBeGreaterThan(1);
      // Chunks stay valid after later reads (each a view of its slab, never written again).
      expect(Buffer.concat(chunks).equals(data)).toBe(true);
      expect(new Set(chunks.map((chunk) => chunk.buffer)).size).toBeGreaterThan(2);
    } finally {
      closeSync(fd);
    }
  });

  it("writes all of a large buffer", () => {
    const data = Buffer.alloc(300_000, 7);
    const fd = openSync(join(dir, "out"), "w");
    try {
      writeFully(fd, data);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(join(dir, "out")).equals(data)).toBe(true);
  });

  it("writes many pieces in order, more than one writev takes, through a pipe a reader drains slowly", () => {
    // A child writes 3,000 pieces (IOV_MAX is 1,024) of 1 to 4,000 bytes, 6 MB in all: more than a pipe holds.
    // A blocking writev to a pipe waits until it wrote everything, so its stdout is made non-blocking (as
    // process.stdout makes a pipe): writev then returns having written part of a piece, or EAGAIN, and the
    // rest must follow it.
    const entry = join(dir, "pieces.ts");
    const script = join(dir, "pieces.mjs");
    writeFileSync(
      entry,
      `import { writeAllFully } from ${JSON.stringify(fileURLToPath(new URL("../../src/git/fd-io.ts", import.meta.url)))};\n` +
        "const pieces = Array.from({ length: 3000 }, (_, i) => Buffer.alloc(1 + ((i * 7919) % 4000), i % 251));\n" +
        "if (!process.stdout.writable) process.exit(3);\n" +
        "writeAllFully(1, pieces);\n",
    );
    buildSync({ entryPoints: [entry], outfile: script, bundle: true, platform: "node", format: "esm", logLevel: "silent" });
    const expected = Buffer.concat(Array.from({ length: 3000 }, (_, i) => Buffer.alloc(1 + ((i * 7919) % 4000), i % 251)));
    const r = spawnSync(process.execPath, [script], { maxBuffer: 1 << 24 });
    expect(r.status, String(r.stderr)).toBe(0);
    expect(r.stdout.length).toBe(expected.length);
    expect(r.stdout.equals(expected)).toBe(true);
  });

  it("reads a pipe to its end and writes through a pipe a reader drains slowly", () => {
    // A child echoes its stdin back through readChunks/writeFully; 1 MB does not fit in a pipe buffer.
    const entry = join(dir, "echo.ts");
    const script = join(dir, "echo.mjs");
    writeFileSync(entry, `import { readChunks, writeFully } from ${JSON.stringify(fileURLToPath(new URL("../../src/git/fd-io.ts", import.meta.url)))};\nfor (const c of readChunks(0)) writeFully(1, c);\n`);
    buildSync({ entryPoints: [entry], outfile: script, bundle: true, platform: "node", format: "esm", logLevel: "silent" });
    const input = Buffer.alloc(1 << 20, 65);
    const r = spawnSync(process.execPath, [script], { input, maxBuffer: 1 << 22 });
    expect(r.status, String(r.stderr)).toBe(0);
    expect(r.stdout.equals(input)).toBe(true);
  });
});
